// Stand-in Node.js language host (see main.go for why it exists: the real host's
// module is not served here; a user with the real CLI uses the real host).
//
// This file: GetRequiredPackages, the providers a program needs. Like the real
// host it scans the program's folder, deeply, for node_modules packages whose
// package.json says `"pulumi": {"resource": true}`; the engine uses the result
// to pre-install plugins and to pin default providers' versions.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// packageJSON is the part of a package.json we read.
type packageJSON struct {
	Name    string                  `json:"name"`
	Version string                  `json:"version"`
	Pulumi  plugin.PulumiPluginJSON `json:"pulumi"`
}

// packageScan collects providers and the @pulumi/pulumi copies seen.
type packageScan struct {
	visited  map[string]bool
	packages []*pulumirpc.PackageDependency
	sdks     map[string]semver.Version
	errs     []error
}

func (h *languageHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	scan := &packageScan{visited: map[string]bool{}, sdks: map[string]semver.Version{}}
	scan.dir(req.GetInfo().GetProgramDirectory(), false)
	if len(scan.errs) > 0 {
		// The real host logs these and answers with what it found.
		logging.V(3).Infof("one or more errors while discovering plugins: %v", errors.Join(scan.errs...))
	} else {
		scan.warnIncompatibleSDKs()
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: scan.packages}, nil
}

// dir scans one folder; inNodeModules is whether a package.json here describes
// an installed package. Nested policy packs are skipped: their providers are
// not the program's.
func (s *packageScan) dir(dir string, inNodeModules bool) {
	dir, err := filepath.Abs(dir)
	if err != nil || s.visited[dir] {
		return
	}
	s.visited[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		s.errs = append(s.errs, fmt.Errorf("reading plugin dir %s: %w", dir, err))
		return
	}
	for _, entry := range entries {
		path := filepath.Join(dir, entry.Name())
		isDir := entry.IsDir()
		if entry.Type()&os.ModeSymlink != 0 {
			if path, err = filepath.EvalSymlinks(path); err != nil {
				s.errs = append(s.errs, fmt.Errorf("resolving link in plugin dir %s: %w", path, err))
				continue
			}
			info, err := os.Stat(path)
			if err != nil {
				s.errs = append(s.errs, err)
				continue
			}
			isDir = info.IsDir()
		}
		switch {
		case isDir:
			if pack, err := workspace.DetectPolicyPackPathAt(path); err != nil {
				s.errs = append(s.errs, err)
			} else if pack == "" {
				s.dir(path, inNodeModules || filepath.Base(dir) == "node_modules")
			}
		case inNodeModules && entry.Name() == "package.json":
			s.packageFile(path)
		}
	}
}

// packageFile records one installed package.json.
func (s *packageScan) packageFile(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		s.errs = append(s.errs, fmt.Errorf("reading package.json %s: %w", path, err))
		return
	}
	var info packageJSON
	if err := json.Unmarshal(b, &info); err != nil {
		s.errs = append(s.errs, fmt.Errorf("unmarshaling package.json %s: %w", path, err))
		return
	}
	if info.Name == "@pulumi/pulumi" {
		if v, err := semver.Parse(info.Version); err == nil {
			s.sdks[path] = v
		}
	}
	if !info.Pulumi.Resource {
		return
	}
	dep, err := providerDependency(info)
	if err != nil {
		s.errs = append(s.errs, fmt.Errorf("unmarshaling package.json %s: %w", path, err))
		return
	}
	s.packages = append(s.packages, dep)
}

// providerDependency names the provider plugin of a provider SDK package.
func providerDependency(info packageJSON) (*pulumirpc.PackageDependency, error) {
	name := info.Pulumi.Name
	if name == "" {
		if !strings.HasPrefix(info.Name, "@pulumi/") {
			return nil, fmt.Errorf("Missing property \"name\" for the third-party plugin '%v' "+
				"inside package.json under the \"pulumi\" section.", info.Name)
		}
		name = strings.TrimPrefix(info.Name, "@pulumi/")
	}
	version := info.Pulumi.Version
	if version == "" {
		version = info.Version
	}
	if version == "" {
		return nil, errors.New("Missing expected \"version\" property")
	}
	if !strings.HasPrefix(version, "v") {
		version = "v" + version
	}
	dep := &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: version, Server: info.Pulumi.Server}
	dep.Parameterization = parameterization(info.Pulumi.Parameterization)
	dep.Extension = parameterization(info.Pulumi.ExtensionParameterization)
	return dep, nil
}

func parameterization(p *plugin.PulumiParameterizationJSON) *pulumirpc.PackageParameterization {
	if p == nil {
		return nil
	}
	return &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
}

// warnIncompatibleSDKs prints, as the real host does, when two copies of
// @pulumi/pulumi differ in major version (their singletons would not mix).
func (s *packageScan) warnIncompatibleSDKs() {
	var firstPath string
	var first semver.Version
	for path, v := range s.sdks {
		if firstPath == "" {
			firstPath, first = path, v
			continue
		}
		if v.Major != first.Major {
			fmt.Fprintf(os.Stderr, "Found incompatible versions of @pulumi/pulumi. "+
				"Differing major versions are not supported.\n  Version %s referenced at %s\n"+
				"  Version %s referenced at %s\n", first, firstPath, v, path)
			return
		}
	}
}

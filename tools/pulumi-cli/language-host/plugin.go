// Stand-in Node.js language host (see main.go for why it exists: the real host's
// module is not served here; a user with the real CLI uses the real host).
//
// This file: RunPlugin, through which the CLI (since v3.221.0) starts a Node.js
// policy pack or plugin. Its output travels back as RunPluginResponse messages;
// the engine reads the plugin's port from the first stdout line.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"

	"github.com/google/shlex"
	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	policyPackRunPath = "@pulumi/pulumi/cmd/run-policy-pack"
	pluginRunPath     = "@pulumi/pulumi/cmd/run-plugin"
)

// streamWriter sends what it is given as stdout or stderr messages. The two
// writers of one call share a lock: a gRPC stream takes one Send at a time.
type streamWriter struct {
	mu     *sync.Mutex
	server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]
	stderr bool
}

func (w streamWriter) Write(p []byte) (int, error) {
	msg := &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: p}}
	if w.stderr {
		msg = &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: p}}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.server.Send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

// RunPlugin runs a plugin program until it exits or the engine ends the call.
// As the real host does, a clean exit ends the stream (the engine reads exit
// code 0) and a failed one is returned as the call's error.
func (h *languageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	logging.V(5).Infof("Attempting to run nodejs plugin in %s", req.GetInfo().GetProgramDirectory())
	if _, err := h.engine(); err != nil {
		return err
	}
	if req.GetAttachDebugger() {
		return errors.New("--attach-debugger is not supported by this stand-in language host")
	}
	var mu sync.Mutex
	stdout := streamWriter{mu: &mu, server: server}
	stderr := streamWriter{mu: &mu, server: server, stderr: true}

	ctx := server.Context()
	cmd, err := pluginCommand(ctx, req)
	if err != nil {
		return err
	}
	cmd.Stderr = stderr
	if req.Kind == string(apitype.AnalyzerPlugin) {
		err = runPolicyPack(ctx, cmd, stdout)
	} else {
		cmd.Stdout = stdout
		err = cmd.Run()
	}
	return pluginExitError(err)
}

// pluginCommand builds the node command line. A policy pack runs with cwd =
// its folder and gets its folder as the last argument (what
// run-policy-pack expects after the engine address); other plugins get their
// folder first, then the engine's arguments, and run in the engine's cwd.
func pluginCommand(ctx context.Context, req *pulumirpc.RunPluginRequest) (*exec.Cmd, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, err
	}
	opts, err := parseOptions(infoOptions(req.Info))
	if err != nil {
		return nil, err
	}
	dir := req.GetInfo().GetProgramDirectory()
	isPolicyPack := req.Kind == string(apitype.AnalyzerPlugin)
	runPath := policyPackRunPath
	if !isPolicyPack {
		if runPath = os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); runPath == "" {
			runPath = pluginRunPath
		}
	}
	runPath, err = locateModule(ctx, nodeBin, runPath, dir, "npm install in "+dir)
	if err != nil {
		return nil, err
	}
	nodeArgs, err := shlex.Split(opts.nodeArgs)
	if err != nil {
		return nil, err
	}
	// After the script, not before it: that is where the real host puts
	// `nodeargs` for plugins (for programs they go to node itself).
	args := append([]string{runPath}, nodeArgs...)
	if isPolicyPack {
		args = append(append(args, req.Args...), dir)
	} else {
		args = append(append(args, dir), req.Args...)
	}
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = req.Pwd
	if isPolicyPack {
		cmd.Dir = dir
	}
	cmd.Env = append(append([]string{}, req.Env...), opts.typeScriptEnv()...)
	logging.V(5).Infof("Constructed NodeJS command to run: %s", cmd)
	return cmd, nil
}

// pluginExitError words a failed plugin run the way the real host does.
func pluginExitError(err error) error {
	if err == nil {
		return nil
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok {
			return fmt.Errorf("Program exited with non-zero exit code: %d", status.ExitStatus())
		}
		return fmt.Errorf("Program exited unexpectedly: %w", exitErr)
	}
	return fmt.Errorf("Problem executing plugin program (could not run language executor): %w", err)
}

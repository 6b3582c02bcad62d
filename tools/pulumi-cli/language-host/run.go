// Stand-in Node.js language host (see main.go for why it exists: the real host's
// module is not served here; a user with the real CLI uses the real host).
//
// This file: Run, which executes the stack's program with node through
// `@pulumi/pulumi/cmd/run`, resolved from the program's directory.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/google/shlex"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	// defaultRunPath is the SDK's program runner; PULUMI_LANGUAGE_NODEJS_RUN_PATH overrides it.
	defaultRunPath = "@pulumi/pulumi/cmd/run"

	// exitAfterUserActionableMessage is the runner's exit code for "the error was
	// already shown to the user": the engine should stop without adding another.
	exitAfterUserActionableMessage = 32

	// interruptGrace is how long a cancelled program has between SIGINT and SIGKILL.
	interruptGrace = 5 * time.Second
)

// locateModule asks node to resolve mod from dir, exactly as the program's own
// require() would, so the SDK copy in the program's node_modules is the one run.
func locateModule(ctx context.Context, nodeBin, mod, dir, installHint string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (error) { `+
		`if (error.code === "MODULE_NOT_FOUND") { console.error(%q); } else { console.error(error.message); } `+
		`process.exit(1); }`,
		mod, "It looks like the Pulumi SDK has not been installed. Have you run "+installHint+"?")
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", errors.New(strings.TrimSpace(string(exitErr.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Run executes the program once (a preview or an update) and reports how it ended.
func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engineAddress, err := h.engine()
	if err != nil {
		return nil, err
	}
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "--attach-debugger is not supported by this stand-in language host"}, nil
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find node on the $PATH: %s", err)}, nil
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = defaultRunPath
	}
	runPath, err = locateModule(ctx, nodeBin, runPath, req.GetInfo().GetProgramDirectory(), "pulumi install")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd, err := h.programCommand(ctx, req, nodeBin, runPath, engineAddress)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return runResponse(cmd.Run()), nil
}

// programCommand builds `node [nodeargs] run.js --monitor ... <entry point> [args]`
// with the config in the environment. stdout and stderr go to ours, which the
// engine shows as the program's output.
func (h *languageHost) programCommand(
	ctx context.Context, req *pulumirpc.RunRequest, nodeBin, runPath, engineAddress string,
) (*exec.Cmd, error) {
	opts, err := parseOptions(infoOptions(req.Info))
	if err != nil {
		return nil, err
	}
	nodeArgs, err := shlex.Split(opts.nodeArgs)
	if err != nil {
		return nil, err
	}
	env, err := configEnv(req)
	if err != nil {
		return nil, err
	}
	args := append(nodeArgs, h.runnerArguments(req, runPath, engineAddress)...)
	logging.V(5).Infof("Language host launching process: %s %s", nodeBin, strings.Join(args, " "))

	// Stop the program on the Cancel RPC or when the engine abandons the request.
	cmdCtx, cmdCancel := context.WithCancel(h.cancelCtx)
	context.AfterFunc(ctx, cmdCancel)
	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = interruptGrace
	cmd.Env = append(append(os.Environ(), env...), opts.typeScriptEnv()...)
	// Wrapped so exec copies through a goroutine: node may set the shared file
	// descriptors non-blocking, which breaks our own later writes to them.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	return cmd, nil
}

// runnerArguments are the flags @pulumi/pulumi/cmd/run reads (with minimist).
func (h *languageHost) runnerArguments(req *pulumirpc.RunRequest, runPath, engineAddress string) []string {
	args := []string{runPath}
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", req.GetInfo().GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.tracing)
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// configEnv puts the stack config in PULUMI_CONFIG (keys as `ns:config:name`,
// the form every @pulumi/pulumi version reads) and the secret keys in
// PULUMI_CONFIG_SECRET_KEYS.
func configEnv(req *pulumirpc.RunRequest) ([]string, error) {
	cfg := make(map[string]string, len(req.GetConfig()))
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return nil, fmt.Errorf("failed to serialize configuration: %w", err)
		}
		cfg[key.Namespace()+":config:"+key.Name()] = v
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	keysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration secret keys: %w", err)
	}
	return []string{"PULUMI_CONFIG=" + string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS=" + string(keysJSON)}, nil
}

// runResponse turns the program's exit into the engine's answer: an error
// message, or a bail when the program already explained itself.
func runResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}
	}
	switch code := exitErr.ExitCode(); code {
	case 0:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", exitErr)}
	case exitAfterUserActionableMessage:
		return &pulumirpc.RunResponse{Bail: true}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}
	}
}

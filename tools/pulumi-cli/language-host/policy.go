// Stand-in Node.js language host (see main.go for why it exists: the real host's
// module is not served here; a user with the real CLI uses the real host).
//
// This file: starting a policy pack. @pulumi/policy packs read the stack's
// name, project, organization, dry-run flag and config from environment
// variables at start-up, but the engine only sends them afterwards, in
// ConfigureStack. So, like the real host, we put the SDK's PolicyProxy in
// front: the engine dials the proxy (its port is our first stdout line), the
// proxy answers Handshake and ConfigureStack itself, then we start the pack
// with that environment and the proxy forwards every other call to it.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strconv"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runPolicyPack runs cmd (node run-policy-pack) behind a PolicyProxy until the
// pack exits; stdout is the stream back to the engine.
func runPolicyPack(ctx context.Context, cmd *exec.Cmd, stdout io.Writer) error {
	proxy, packStdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start policy pack proxy: %w", err)
	}
	// Prints the proxy's port, then waits for the engine's ConfigureStack (or
	// for a first analyzer call, when the engine has no stack to configure).
	stack, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get stack configuration: %w", err)
	}
	env, err := policyPackEnv(stack)
	if err != nil {
		return err
	}
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout = packStdout
	if err := cmd.Start(); err != nil {
		return err
	}
	// Reads the pack's own port from its stdout, forwards ConfigureStack to
	// it, serves the engine's calls through it, and returns once it exits.
	if err := proxy.Attach(ctx, cmd); err != nil {
		return fmt.Errorf("could not attach policy pack proxy: %w", err)
	}
	return nil
}

// policyPackEnv is the environment @pulumi/pulumi's runtime reads for the
// stack: PULUMI_CONFIG holds the decrypted config, keyed `namespace:name`.
func policyPackEnv(stack *pulumirpc.AnalyzerStackConfigureRequest) ([]string, error) {
	if stack == nil {
		return nil, nil
	}
	var env []string
	add := func(k, v string) {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	add("PULUMI_NODEJS_ORGANIZATION", stack.Organization)
	add("PULUMI_NODEJS_PROJECT", stack.Project)
	add("PULUMI_NODEJS_STACK", stack.Stack)
	add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.DryRun))
	if stack.Config != nil {
		cfg, err := json.Marshal(stack.Config)
		if err != nil {
			return nil, fmt.Errorf("could not marshal stack configuration: %w", err)
		}
		add("PULUMI_CONFIG", string(cfg))
	}
	return env, nil
}

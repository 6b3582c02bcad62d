// Command pulumi-language-nodejs is a stand-in for Pulumi's Node.js language host.
//
// Why it exists: the real host is its own Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), which the Go
// module proxy here does not serve, so the pinned CLI (v3.248.0, built from this
// module) would have no way to run our TypeScript program or policy pack. This is
// a small re-implementation of the parts the engine uses, written against the
// engine's side of the protocol at v3.248.0. It is a stand-in because the module
// is not served here; a user with the real CLI uses the real host.
//
// This file: command line, the gRPC server, and the port handshake with the engine.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// hostVersion is what GetPluginInfo reports when the build did not stamp
// version.Version through -ldflags: the CLI version this stand-in follows.
const hostVersion = "3.248.0"

// engineHealthInterval is how often we check that the engine is still alive.
const engineHealthInterval = 5 * time.Minute

// cliArgs is what the engine (or a person) put on our command line.
type cliArgs struct {
	engineAddress string
	tracing       string
	runtime       string
	logToStderr   bool
	verbose       int
	showVersion   bool
}

// valueFlags take a value, either as `-name=value` or as `-name value`.
var valueFlags = map[string]bool{"tracing": true, "runtime": true, "v": true, "root": true}

// parseArgs reads the flags the engine passes (`--logtostderr`, `-v=N`,
// `--tracing URL`, then the engine address last) plus older ones such as
// `-root`. Unknown flags are skipped instead of refused, since a newer engine
// may pass flags we do not know.
func parseArgs(args []string) cliArgs {
	out := cliArgs{runtime: "nodejs"}
	var positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			positional = append(positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if valueFlags[name] && !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		switch name {
		case "tracing":
			out.tracing = value
		case "runtime":
			out.runtime = value
		case "v":
			out.verbose, _ = strconv.Atoi(value)
		case "logtostderr":
			out.logToStderr = !hasValue || value == "true"
		case "version":
			out.showVersion = true
		}
	}
	if len(positional) > 0 {
		out.engineAddress = positional[0]
	}
	return out
}

// pluginVersion is the version reported to the engine.
func pluginVersion() string {
	if v := strings.TrimPrefix(version.Version, "v"); v != "" {
		return v
	}
	return hostVersion
}

func main() {
	args := parseArgs(os.Args[1:])
	if args.showVersion {
		fmt.Println(pluginVersion())
		return
	}
	logging.InitLogging(args.logToStderr, args.verbose, false)
	cmdutil.InitTracing("pulumi-language-nodejs", "pulumi-language-nodejs", args.tracing)
	if args.runtime != "nodejs" {
		cmdutil.Exit(fmt.Errorf("unsupported runtime: %s (this stand-in runs nodejs only)", args.runtime))
	}
	if err := serve(args); err != nil {
		cmdutil.Exit(err)
	}
}

// serve runs the LanguageRuntime server until the engine interrupts us (it
// sends SIGINT when it closes its plugins) or stops answering health checks.
func serve(args cliArgs) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if args.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, args.engineAddress, engineHealthInterval, stop); err != nil {
			return fmt.Errorf("could not start health check host RPC server: %w", err)
		}
	}
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()

	host := newLanguageHost(args.engineAddress, args.tracing)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		return fmt.Errorf("could not start language host RPC server: %w", err)
	}

	// The engine reads this first line of stdout as our port.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		return fmt.Errorf("language host RPC stopped serving: %w", err)
	}
	return nil
}

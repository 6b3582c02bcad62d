// Tests of the stand-in Node.js language host's pure parts (see main.go for why
// the stand-in exists: the real host's module is not served here; a user with
// the real CLI uses the real host). The end-to-end check is a real
// `pulumi preview`; these pin the details that check would not point at.
package main

import (
	"encoding/json"
	"os/exec"
	"reflect"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestParseArgsToleratesEngineAndUnknownFlags(t *testing.T) {
	got := parseArgs([]string{"--logtostderr", "-v=9", "--tracing", "http://t", "-root=/x", "--new-flag", "127.0.0.1:5"})
	want := cliArgs{engineAddress: "127.0.0.1:5", tracing: "http://t", runtime: "nodejs", logToStderr: true, verbose: 9}
	if got != want {
		t.Fatalf("parseArgs = %+v, want %+v", got, want)
	}
}

func TestConfigEnvUsesLegacyKeysAndSecretList(t *testing.T) {
	env, err := configEnv(&pulumirpc.RunRequest{
		Config:           map[string]string{"proj:size": "7", "gcp:project": "p"},
		ConfigSecretKeys: []string{"proj:size"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]string
	if err := json.Unmarshal([]byte(env[0][len("PULUMI_CONFIG="):]), &cfg); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"proj:config:size": "7", "gcp:config:project": "p"}; !reflect.DeepEqual(cfg, want) {
		t.Fatalf("PULUMI_CONFIG = %v, want %v", cfg, want)
	}
	if env[1] != `PULUMI_CONFIG_SECRET_KEYS=["proj:size"]` {
		t.Fatalf("secret keys = %s", env[1])
	}
}

func TestRunnerArgumentsFollowTheRealHost(t *testing.T) {
	h := newLanguageHost("127.0.0.1:1", "")
	got := h.runnerArguments(&pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:2", Project: "p", Stack: "s", Organization: "o", DryRun: true, Parallel: 4,
		Info: &pulumirpc.ProgramInfo{RootDirectory: "/r", ProgramDirectory: "/r", EntryPoint: "."},
	}, "/run.js", "127.0.0.1:1")
	want := []string{"/run.js", "--monitor", "127.0.0.1:2", "--engine", "127.0.0.1:1", "--organization", "o",
		"--project", "p", "--root-directory", "/r", "--stack", "s", "--pwd", "/r", "--dry-run", "--parallel", "4", "."}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("args = %v\nwant   %v", got, want)
	}
}

func TestRunResponseExitCodes(t *testing.T) {
	bail := exec.Command("sh", "-c", "exit 32").Run()
	if r := runResponse(bail); !r.Bail || r.Error != "" {
		t.Fatalf("exit 32 = %+v, want a bail", r)
	}
	fail := exec.Command("sh", "-c", "exit 3").Run()
	if r := runResponse(fail); r.Error != "Program exited with non-zero exit code: 3" {
		t.Fatalf("exit 3 = %+v", r)
	}
	if r := runResponse(nil); r.Error != "" || r.Bail {
		t.Fatalf("success = %+v", r)
	}
}

func TestTypeScriptIsTheDefault(t *testing.T) {
	opts, err := parseOptions(map[string]any{})
	if err != nil || !reflect.DeepEqual(opts.typeScriptEnv(), []string{"PULUMI_NODEJS_TYPESCRIPT=true"}) {
		t.Fatalf("defaults = %+v, %v", opts, err)
	}
	opts, err = parseOptions(map[string]any{"typescript": false, "tsconfig": "tsconfig.x.json"})
	if err != nil || !reflect.DeepEqual(opts.typeScriptEnv(), []string{"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.x.json"}) {
		t.Fatalf("explicit = %+v, %v", opts, err)
	}
	if _, err := parseOptions(map[string]any{"typescript": "yes"}); err == nil {
		t.Fatal("a non-boolean typescript option was accepted")
	}
	info := &pulumirpc.ProgramInfo{Options: &structpb.Struct{}}
	if len(infoOptions(info)) != 0 || len(infoOptions(nil)) != 0 {
		t.Fatal("empty options not empty")
	}
}

func TestPolicyPackEnvCarriesTheStack(t *testing.T) {
	env, err := policyPackEnv(&pulumirpc.AnalyzerStackConfigureRequest{
		Stack: "staging", Project: "k8s-infra", Organization: "organization", DryRun: true,
		Config: map[string]string{"k8s-infra:environment": "staging"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PULUMI_NODEJS_ORGANIZATION=organization", "PULUMI_NODEJS_PROJECT=k8s-infra",
		"PULUMI_NODEJS_STACK=staging", "PULUMI_NODEJS_DRY_RUN=true",
		`PULUMI_CONFIG={"k8s-infra:environment":"staging"}`}
	if !reflect.DeepEqual(env, want) {
		t.Fatalf("env = %v", env)
	}
}

func TestProviderDependencyNames(t *testing.T) {
	dep, err := providerDependency(packageJSON{Name: "@pulumi/gcp", Version: "9.37.0"})
	if err != nil || dep.Name != "gcp" || dep.Version != "v9.37.0" || dep.Kind != "resource" {
		t.Fatalf("gcp = %+v, %v", dep, err)
	}
	if _, err := providerDependency(packageJSON{Name: "acme-cloud", Version: "1.0.0"}); err == nil {
		t.Fatal("a third-party package without pulumi.name was accepted")
	}
}

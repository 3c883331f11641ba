package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// TestGeneratedIsFresh fails when the committed model types are not what
// the generator makes of the committed schema files: after a schema or
// generator change, run go generate in internal/model.
func TestGeneratedIsFresh(t *testing.T) {
	got, err := generateFiles("../../../schema/windows.schema.json", "../../../schema/linux.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../zz_generated_types.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/model/zz_generated_types.go is stale: run go generate ./internal/model")
	}
}

func TestGoName(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"pid", "PID"},
		{"path_resolution_error", "PathResolutionError"},
		{"mountpoint.path", "MountpointPath"},
		{"source.path_error", "SourcePathError"},
		{"is_imds_v2", "IsIMDSV2"},
		{"k8s_uid", "K8sUID"},
		{"cgroup_write", "CGroupWrite"},
		{"old_sd", "OldSD"},
		{"evt", "Evt"},
	} {
		if got := goName(tc.key); got != tc.want {
			t.Errorf("goName(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
}

func TestGoTypeRejectsWhatItCannotType(t *testing.T) {
	for _, schema := range []string{
		`{"type":"object","properties":{"a":{"type":"string"}}}`, // inline object
		`{"$ref":"#/$defs/Missing"}`,
		`{"type":"null"}`,
	} {
		var p prop
		if err := json.Unmarshal([]byte(schema), &p); err != nil {
			t.Fatal(err)
		}
		if got, err := goType(p, map[string]*object{}); err == nil {
			t.Errorf("goType(%s) = %s, want an error", schema, got)
		}
	}
}

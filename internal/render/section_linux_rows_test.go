package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// Modes as ls -l writes them (coreutils' filemodestring), after the value
// as written and its octal form.
func TestModeText(t *testing.T) {
	tests := []struct {
		mode model.Int
		want string
	}{
		{model.IntOf(0o100755), "33261 (0100755 -rwxr-xr-x)"},
		{model.IntOf(0o100644), "33188 (0100644 -rw-r--r--)"},
		{model.IntOf(0o040755), "16877 (040755 drwxr-xr-x)"},
		{model.IntOf(0o041777), "17407 (041777 drwxrwxrwt)"},
		{model.IntOf(0o041776), "17406 (041776 drwxrwxrwT)"},
		{model.IntOf(0o104755), "35309 (0104755 -rwsr-xr-x)"},
		{model.IntOf(0o104644), "35236 (0104644 -rwSr--r--)"},
		{model.IntOf(0o102755), "34285 (0102755 -rwxr-sr-x)"},
		{model.IntOf(0o120777), "41471 (0120777 lrwxrwxrwx)"},
		{model.IntOf(0o140755), "49645 (0140755 srwxr-xr-x)"},
		{model.IntOf(0o010600), "4480 (010600 prw-------)"},
		{model.IntOf(0o020620), "8592 (020620 crw--w----)"},
		{model.IntOf(0o060660), "25008 (060660 brw-rw----)"},
		{model.IntOf(0o755), "493 (0755 rwxr-xr-x)"}, // chmod's new mode: no type bits
		{model.IntOf(0o170755), "61933 (0170755 ?rwxr-xr-x)"},
		{model.IntOf(-1), "-1"},
		{model.IntOf(1 << 20), "1048576 (04000000)"}, // past 16 bits: no ls form
		{model.IllTypedInt(`"0755"`), `"0755" (invalid)`},
		{model.Int{}, ""},
	}
	for _, tt := range tests {
		if got := fileModeText(tt.mode); got != tt.want {
			t.Errorf("fileModeText(%s) = %q, want %q", tt.mode.Raw(), got, tt.want)
		}
	}
}

// Owners as chown reads them, ids beside names; no id is made up.
func TestOwnerText(t *testing.T) {
	tests := []struct {
		user  string
		uid   model.Int
		group string
		gid   model.Int
		want  string
	}{
		{"root", model.IntOf(0), "root", model.IntOf(0), "root:root (0:0)"},
		{"alice", model.IntOf(1000), "", model.Int{}, "alice (1000)"},
		{"", model.IntOf(1000), "", model.IntOf(100), "1000:100"},
		{"", model.Int{}, "staff", model.IntOf(20), ":staff (:20)"},
		{`CORP\alice`, model.Int{}, "", model.Int{}, `CORP\alice`},
		{"bob", model.IllTypedInt(`"1000"`), "", model.Int{}, `bob ("1000" (invalid))`},
		{"", model.Int{}, "", model.Int{}, ""},
	}
	for _, tt := range tests {
		if got := ownerText(tt.user, tt.uid, tt.group, tt.gid); got != tt.want {
			t.Errorf("ownerText(%q, %s, %q, %s) = %q, want %q", tt.user, tt.uid.Raw(), tt.group, tt.gid.Raw(), got, tt.want)
		}
	}
}

// Each span the agent matched is marked in the expression; a span out of
// range, ill-typed or overlapping is listed but not marked, and never
// panics.
func TestMarkedExpression(t *testing.T) {
	const expr = `exec.file.name == "nc" && process.uid == 0`
	span := func(off, n int64) model.MatchingSubExpr {
		return model.MatchingSubExpr{Offset: model.IntOf(off), Length: model.IntOf(n)}
	}
	tests := []struct {
		spans []model.MatchingSubExpr
		want  string
	}{
		{nil, expr},
		{[]model.MatchingSubExpr{span(0, 22)}, `[[exec.file.name == "nc"]] && process.uid == 0`},
		{[]model.MatchingSubExpr{span(26, 16), span(0, 14)}, `[[exec.file.name]] == "nc" && [[process.uid == 0]]`},
		{[]model.MatchingSubExpr{span(0, 22), span(5, 4)}, `[[exec.file.name == "nc"]] && process.uid == 0`},
		{[]model.MatchingSubExpr{span(40, 10)}, expr},
		{[]model.MatchingSubExpr{span(-1, 3)}, expr},
		{[]model.MatchingSubExpr{span(0, 1<<62)}, expr},
		{[]model.MatchingSubExpr{{Offset: model.IllTypedInt(`"0"`), Length: model.IntOf(4)}}, expr},
		{[]model.MatchingSubExpr{span(42, 0)}, expr + "[[]]"},
	}
	for _, tt := range tests {
		rc := &model.RuleContext{Expression: expr, MatchingSubexprs: tt.spans}
		if got := markedExpression(rc); got != tt.want {
			t.Errorf("spans %v: got %q, want %q", tt.spans, got, tt.want)
		}
	}
	// A span is never marked inside a character: é is two bytes.
	for _, tt := range []struct {
		spans []model.MatchingSubExpr
		want  string
	}{
		{[]model.MatchingSubExpr{span(1, 1)}, "é=1"},
		{[]model.MatchingSubExpr{span(0, 1)}, "é=1"},
		{[]model.MatchingSubExpr{span(0, 2)}, "[[é]]=1"},
	} {
		rc := &model.RuleContext{Expression: "é=1", MatchingSubexprs: tt.spans}
		if got := markedExpression(rc); got != tt.want {
			t.Errorf("spans %v: got %q, want %q", tt.spans, got, tt.want)
		}
	}
}

// A Linux command line is argv0 and args quoted as a shell reads them, and
// says when the agent cut it; Windows's is as written.
func TestCommandLine(t *testing.T) {
	tests := []struct {
		p    model.Process
		want string
	}{
		{model.Process{Cmdline: `"C:\x.exe" /q`, Argv0: "x"}, `"C:\x.exe" /q`},
		{model.Process{Argv0: "bash", Args: []string{"-c", "echo 'hi' $HOME"}}, `bash -c 'echo '"'"'hi'"'"' $HOME'`},
		{model.Process{Argv0: "curl", Args: []string{"-s"}, ArgsTruncated: model.BoolOf(true)}, "curl -s [args truncated]"},
		{model.Process{Args: []string{"", "a b"}}, `'' 'a b'`},
		{model.Process{ArgsTruncated: model.BoolOf(true)}, "[args truncated]"},
		{model.Process{}, ""},
	}
	for _, tt := range tests {
		if got := commandLine(&tt.p); got != tt.want {
			t.Errorf("commandLine(%q %q) = %q, want %q", tt.p.Argv0, tt.p.Args, got, tt.want)
		}
	}
}

// Credentials show the real ids once, and the effective and file-system
// ones only where they differ.
func TestCredentialRows(t *testing.T) {
	same := model.ProcessCredentials{
		UID: model.IntOf(0), User: "root", GID: model.IntOf(0), Group: "root",
		EUID: model.IntOf(0), Euser: "root", EGID: model.IntOf(0), Egroup: "root",
		FSUID: model.IntOf(0), Fsuser: "root", FSGID: model.IntOf(0), Fsgroup: "root",
		CapEffective: []string{"CAP_SYS_ADMIN", "CAP_NET_RAW"},
	}
	setuid := same
	setuid.UID, setuid.User, setuid.FSUID, setuid.Fsuser = model.IntOf(1000), "alice", model.IntOf(1000), "alice"
	tests := []struct {
		c    model.ProcessCredentials
		want string
	}{
		{same, "credentials                root:root (0:0)\n" +
			"credentials.cap_effective  CAP_SYS_ADMIN, CAP_NET_RAW\n"},
		{setuid, "credentials                alice:root (1000:0)\n" +
			"credentials.effective      root:root (0:0)\n" +
			"credentials.cap_effective  CAP_SYS_ADMIN, CAP_NET_RAW\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		tbl := NewTable(&buf, TableOptions{})
		r := coveredRows{t: tbl}
		credentialRows(&r, &tt.c, "credentials.")
		if err := tbl.Render(); err != nil {
			t.Fatal(err)
		}
		checkText(t, buf.String(), tt.want)
	}
}

// A user session reads as the login it was.
func TestUserSessionRow(t *testing.T) {
	s := &model.UserSessionContext{
		ID: "7f1c", SessionType: "ssh", SSHUsername: "alice", SSHClientIP: "203.0.113.9",
		SSHPort: model.IntOf(52311), SSHAuthMethod: "public_key",
		K8sUsername: "dev@corp", K8sGroups: []string{"system:authenticated", "devs"},
	}
	var buf bytes.Buffer
	tbl := NewTable(&buf, TableOptions{})
	r := coveredRows{t: tbl}
	userSessionRow(&r, s, "user_session")
	if err := tbl.Render(); err != nil {
		t.Fatal(err)
	}
	want := "user_session               ssh alice@203.0.113.9:52311 (public_key); k8s dev@corp (groups system:authenticated, devs)\n" +
		"user_session.id            7f1c\n" +
		"user_session.session_type  ssh\n"
	checkText(t, strings.TrimRight(buf.String(), " "), want)

	buf.Reset()
	tbl = NewTable(&buf, TableOptions{})
	r = coveredRows{t: tbl}
	userSessionRow(&r, &model.UserSessionContext{SSHClientIP: "2001:db8::1", SSHPort: model.IntOf(22)}, "user_session")
	if err := tbl.Render(); err != nil {
		t.Fatal(err)
	}
	checkText(t, buf.String(), "user_session  ssh [2001:db8::1]:22\n")
}

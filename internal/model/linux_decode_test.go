package model

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"testing"
)

// linuxFixtures are valid Linux events: the repository's sample, and 49
// generated events that together use every top-level section and every
// nested property the generator writes.
var linuxFixtures = []string{"../../testdata/linux-events.ndjson", "testdata/linux-sections.ndjson.gz"}

// forEachLine calls f with each line of the (possibly gzipped) file path.
func forEachLine(t testing.TB, path string, f func(line int, data []byte)) {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var r io.Reader = file
	if len(path) > 3 && path[len(path)-3:] == ".gz" {
		gz, err := gzip.NewReader(file)
		if err != nil {
			t.Fatal(err)
		}
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		f(n, sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestLinuxEventsAreTyped checks that the model types all of a valid Linux
// event: no Extra entry anywhere, and nothing only Windows defines.
func TestLinuxEventsAreTyped(t *testing.T) {
	for _, path := range linuxFixtures {
		events := 0
		forEachLine(t, path, func(line int, data []byte) {
			ev, err := Decode(data)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, line, err)
			}
			events++
			for _, f := range OtherFields(ev, "") {
				t.Errorf("%s:%d: %s kept in Extra: %s", path, line, f.Pointer, f.Raw)
			}
			for _, f := range OtherFields(ev, Linux) {
				t.Errorf("%s:%d: %s is not Linux's: %s", path, line, f.Pointer, f.Raw)
			}
		})
		if events < 8 {
			t.Errorf("%s: %d events, want at least 8", path, events)
		}
	}
}

// TestLinuxFieldsTyped pins a few Linux values to their fields, down to the
// nested objects, so that "no Extra" cannot come from dropping them.
func TestLinuxFieldsTyped(t *testing.T) {
	ev, err := Decode([]byte(`{"agent":{"rule_id":"r","kernel_version":"6.8"},
		"process":{"pid":4242,"tid":4243,"comm":"bash","fork_time":"2025-11-03T08:59:58Z",
			"credentials":{"uid":1000,"auid":4294967295,"cap_effective":["CAP_SYS_ADMIN"],"destination":{"uid":0}},
			"user_session":{"k8s_extra":{"a":["b"]},"ssh_port":22},
			"executable":{"path":"/usr/bin/bash","inode":1311,"mode":33261,"hashes":["sha256:x"]},
			"syscalls":[{"name":"open","id":2}]},
		"file":{"path":"/etc/passwd","uid":0,"destination":{"path":"/tmp/p"},"device":5},
		"mount":{"mountpoint.path":"/mnt","mount_id":3},
		"network":{"destination":{"ip":"10.0.0.1","port":443}},
		"dns":{"id":7,"question":{"name":"example.com"}},
		"sysctl":{"proc":{"kernel":{"x":1}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	p := ev.Process
	for _, c := range []struct {
		name string
		got  Int
		want int64
	}{
		{"process.tid", p.TID, 4243},
		{"process.credentials.auid", p.Credentials.AUID, 4294967295},
		{"process.user_session.ssh_port", p.UserSession.SSHPort, 22},
		{"process.executable.inode", p.Executable.Inode, 1311},
		{"process.executable.mode", p.Executable.Mode, 33261},
		{"process.syscalls[0].id", p.Syscalls[0].ID, 2},
		{"file.uid", ev.File.UID, 0},
		{"file.device", ev.File.Device, 5},
		{"mount.mount_id", ev.Mount.MountID, 3},
		{"network.destination.port", ev.Network.Destination.Port, 443},
		{"dns.id", ev.DNS.ID, 7},
	} {
		if !c.got.Is(c.want) {
			t.Errorf("%s = %v, want %d", c.name, c.got, c.want)
		}
	}
	for _, c := range []struct{ name, got, want string }{
		{"agent.kernel_version", ev.Agent.KernelVersion, "6.8"},
		{"process.comm", p.Comm, "bash"},
		{"process.fork_time", p.ForkTime.Raw(), `"2025-11-03T08:59:58Z"`},
		{"process.credentials.cap_effective[0]", p.Credentials.CapEffective[0], "CAP_SYS_ADMIN"},
		{"process.user_session.k8s_extra.a[0]", p.UserSession.K8sExtra["a"][0], "b"},
		{"process.executable.hashes[0]", p.Executable.Hashes[0], "sha256:x"},
		{"file.destination.path", ev.File.Destination.Path, "/tmp/p"},
		{"mount.mountpoint.path", ev.Mount.MountpointPath, "/mnt"},
		{"dns.question.name", ev.DNS.Question.Name, "example.com"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if got, want := fmt.Sprint(p.Credentials.Destination, ev.Sysctl.Proc), "map[uid:0] map[kernel:map[x:1]]"; got != want {
		t.Errorf("credentials.destination and sysctl.proc = %s, want %s", got, want)
	}
	if got := OtherFields(ev, ""); got != nil {
		t.Errorf("Extra entries: %v", got)
	}
}

// TestIllTypedLinuxField checks that a Linux field of the wrong type goes
// to its object's Extra, as written and not as a zero, while the rest of the
// object stays typed.
func TestIllTypedLinuxField(t *testing.T) {
	ev, err := Decode([]byte(`{"process":{"pid":1,"tid":"x","comm":"bash",
		"user_session":{"k8s_extra":{"a":["b"],"c":"d"},"id":"s"},
		"credentials":{"uid":"root","gid":0,"user":"r"},
		"executable":{"path":"/bin/sh","inode":-1.5,"in_upper_layer":"yes"}},
		"mount":{"mountpoint.path":7,"mount_id":3}}`))
	if err != nil {
		t.Fatal(err)
	}
	p := ev.Process
	if !p.PID.Is(1) || p.Comm != "bash" || !p.Credentials.GID.Is(0) || p.Credentials.User != "r" ||
		p.Executable.Path != "/bin/sh" || !ev.Mount.MountID.Is(3) {
		t.Errorf("the well-typed fields next to the bad ones were lost: %+v", p)
	}
	if p.TID.Raw() != `"x"` || p.Credentials.UID.Raw() != `"root"` || p.Executable.Inode.Raw() != `-1.5` {
		t.Errorf("ill-typed Ints not kept as written: tid %v, uid %v, inode %v", p.TID, p.Credentials.UID, p.Executable.Inode)
	}
	var got []string
	for _, f := range OtherFields(ev, Linux) {
		got = append(got, f.Pointer+"="+string(f.Raw))
	}
	want := []string{
		`/process/tid="x"`, // the object's own Extra first, then its fields in order
		`/process/executable/in_upper_layer="yes"`,
		`/process/executable/inode=-1.5`,
		`/process/credentials/uid="root"`,
		`/process/user_session/k8s_extra={"a":["b"],"c":"d"}`,
		`/mount/mountpoint.path=7`,
	}
	if p.UserSession.ID != "s" || p.UserSession.K8sExtra != nil {
		t.Errorf("user_session = %+v, want its id and no k8s_extra", p.UserSession)
	}
	if len(got) != len(want) {
		t.Fatalf("OtherFields = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("OtherFields[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestGeneratedLinuxCorpus counts what a large generated Linux corpus
// leaves untyped; it runs only when LINUX_CORPUS names one (for example
// gencorpus -os linux -n 2000 -seed 1 output).
func TestGeneratedLinuxCorpus(t *testing.T) {
	path := os.Getenv("LINUX_CORPUS")
	if path == "" {
		t.Skip("LINUX_CORPUS is not set")
	}
	events, extra, foreign := 0, 0, 0
	forEachLine(t, path, func(line int, data []byte) {
		ev, err := Decode(data)
		if err != nil {
			return // a broken line: not the model's to type
		}
		events++
		for _, f := range OtherFields(ev, "") {
			extra++
			if extra <= 10 {
				t.Errorf("%s:%d: %s kept in Extra: %.80s", path, line, f.Pointer, f.Raw)
			}
		}
		foreign += len(OtherFields(ev, Linux))
	})
	t.Logf("%s: %d events, %d Extra entries, %d fields only Windows defines", path, events, extra, foreign)
}

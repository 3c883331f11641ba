package render

import (
	"bufio"
	"bytes"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/model"
)

// Whatever a Linux family holds, show neither panics nor writes a control
// character (but newlines) or invalid UTF-8 from it.
func FuzzShowLinuxFamilies(f *testing.F) {
	for _, seed := range []string{
		`{"signal":{"type":"SIGKILL","pid":812,"target":{"pid":812,"ancestors":[{"pid":1}],"truncated_ancestors":true}}}`,
		`{"ptrace":{"request":"PTRACE_SEIZE","tracee":{"pid":5,"parent":{"pid":1,"cmdline":"x"}}}}`,
		`{"network_flow_monitor":{"device":{"ifname":"e"},"flows":[{"source":{"ip":"::1","port":1},"ingress":{"data_size":1}}]}}`,
		`{"dns":{"question":{"name":"a","type":"A","class":"CLASS_INET"},"response":{"code":3}},"mmap":{"protection":"PROT_READ"}}`,
		`{"mount":{"source.path":"/dev/x"},"cgroup_write":{"file":{"mode":33188}},"syscalls":[{"name":"SysX","id":1}]}`,
	} {
		f.Add([]byte(seed))
	}
	// A missing corpus fails rather than leaving the fuzz to its few seeds.
	hostile, err := os.Open("../../testdata/hostile/linux-families.ndjson")
	if err != nil {
		f.Fatal(err)
	}
	sc := bufio.NewScanner(hostile)
	for sc.Scan() {
		f.Add(bytes.Clone(sc.Bytes()))
	}
	hostile.Close()
	if err := sc.Err(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := model.Decode(data)
		if err != nil {
			return
		}
		for _, tty := range []bool{false, true} {
			var buf bytes.Buffer
			ShowEvent(&buf, ev, Source{File: "f", Line: 1}, ShowLayout{Table: TableOptions{TTY: tty, Width: 80}})
			out := buf.Bytes()
			if !utf8.Valid(out) {
				t.Fatalf("invalid UTF-8 in\n%q", out)
			}
			for _, r := range string(out) {
				if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
					t.Fatalf("control character %U in\n%s", r, out)
				}
			}
		}
	})
}

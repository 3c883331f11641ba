package lineage

import (
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/model"
)

// The forest of a generated corpus (consistent process tables, pid reuse,
// the System process without exec_time) must have exactly one node per
// distinct process identity the chains name, and exactly the edges the
// chains state. The expectation is computed from model.Decode's events,
// independently of Decode and Builder.
func TestForestMatchesChains(t *testing.T) {
	for _, file := range []string{"testdata/corpus.ndjson", "../../examples/events.ndjson", "../../examples/attack.ndjson"} {
		t.Run(file, func(t *testing.T) {
			wantNodes := map[string]bool{}
			wantEdges := map[string]string{} // child identity → parent identity
			b := NewBuilder()
			b.KeepHits = true
			events := 0
			eachLine(t, file, func(line int, data []byte) {
				full, err := model.Decode(data)
				if err != nil {
					t.Fatalf("%s:%d: %v", file, line, err)
				}
				chain := append([]model.Process{full.Process.Process}, full.Process.Chain()...)
				ids := make([]string, len(chain))
				parent := "-" // the far end has no known parent
				for i := len(chain) - 1; i >= 0; i-- {
					ids[i] = identityString(chain[i].PID, chain[i].ExecTime.Time, parent)
					wantNodes[ids[i]] = true
					if i < len(chain)-1 {
						if prev, ok := wantEdges[ids[i]]; ok && prev != ids[i+1] {
							t.Fatalf("%s:%d: the corpus itself gives %s two parents", file, line, ids[i])
						}
						wantEdges[ids[i]] = ids[i+1]
					}
					parent = ids[i]
				}

				var ev model.Event
				if _, err := Decode(data, 0, &ev); err != nil {
					t.Fatal(err)
				}
				b.Attach(b.Add("", &ev), file, line, &ev)
				events++
			})
			f := b.Forests()[0]

			got := map[*Node]string{}
			var id func(n *Node) string
			id = func(n *Node) string {
				if s, ok := got[n]; ok {
					return s
				}
				parent := "-"
				if n.Key.ExecTime.IsZero() && n.Parent != nil {
					parent = id(n.Parent)
				}
				got[n] = identityString(n.Key.PID, n.Key.ExecTime, parent)
				return got[n]
			}
			seen := map[string]bool{}
			for _, n := range f.Nodes {
				s := id(n)
				if seen[s] {
					t.Errorf("two nodes for %s", s)
				}
				seen[s] = true
				if !wantNodes[s] {
					t.Errorf("node %s is in no chain", s)
				}
				want, hasParent := wantEdges[s]
				switch {
				case n.Parent == nil && hasParent:
					t.Errorf("%s has no parent, want %s", s, want)
				case n.Parent != nil && !hasParent:
					t.Errorf("%s has parent %s, which no chain states", s, id(n.Parent))
				case n.Parent != nil && id(n.Parent) != want:
					t.Errorf("%s has parent %s, want %s", s, id(n.Parent), want)
				}
			}
			if len(seen) != len(wantNodes) {
				t.Errorf("%d nodes, want %d", len(seen), len(wantNodes))
			}
			if f.Conflicts.Total() != 0 {
				t.Errorf("conflicts %+v in consistent data", f.Conflicts)
			}
			// Every node is shown exactly once, every hit kept.
			entered, hits := 0, 0
			f.Walk(func(s Step) {
				if s.BackRef {
					t.Errorf("back-reference to %s in data without cycles", id(s.Node))
				}
				if !s.Leave {
					entered++
					hits += len(s.Node.Hits)
					counted := 0
					for _, rc := range s.Node.Rules {
						counted += rc.Count
					}
					if counted != len(s.Node.Hits) {
						t.Errorf("%s: rules count %d hits, %d kept", id(s.Node), counted, len(s.Node.Hits))
					}
				}
			})
			if entered != len(f.Nodes) || hits != events {
				t.Errorf("walk entered %d of %d nodes, saw %d of %d hits", entered, len(f.Nodes), hits, events)
			}
			t.Logf("%d events, %d processes, %d roots", events, len(f.Nodes), len(f.Roots))
		})
	}
}

// identityString is the package's identity rule, written out separately:
// pid and exec time, or pid under the parent's identity without exec time.
func identityString(pid model.Int, exec time.Time, parent string) string {
	s := pid.String()
	if !exec.IsZero() {
		return s + "@" + exec.UTC().Format(time.RFC3339Nano)
	}
	return s + "<" + parent + ">"
}

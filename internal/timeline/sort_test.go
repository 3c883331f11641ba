package timeline

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/record"
)

// entries makes n entries with dates drawn from a few seconds around a
// start, some equal, some missing or invalid; Line is the input order.
func entries(r *rand.Rand, n int) []Entry {
	start := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	es := make([]Entry, n)
	for i := range es {
		e := Entry{Line: i + 1, File: "f", Rule: "rule", PID: model.IntOf(int64(i))}
		switch r.IntN(10) {
		case 0:
			e.DateState = record.DateAbsent
		case 1:
			e.DateState = record.DateIllTyped
			e.PID = model.IllTypedInt(`"x"`)
		default:
			e.DateState = record.DateValid
			e.Instant = start.Add(time.Duration(r.IntN(20)) * 500 * time.Millisecond)
		}
		es[i] = e
	}
	return es
}

// The sorter's order is a stable sort by instant, the undated last,
// whatever the window, in memory or spilled.
func TestSorterOrder(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 10, 300} {
		for _, window := range []int{1, 2, 3, 16, 1000} {
			es := entries(r, n)
			want := slices.Clone(es)
			slices.SortStableFunc(want, func(a, b Entry) int {
				ka, kb := a.key(0), b.key(0)
				ka.seq, kb.seq = 0, 0
				switch {
				case ka.less(kb):
					return -1
				case kb.less(ka):
					return 1
				}
				return 0
			})
			s := newSorter(window)
			for i := range es {
				if err := s.add(&es[i]); err != nil {
					t.Fatal(err)
				}
			}
			if spilled := s.spilled(); spilled != (n > window) {
				t.Errorf("n %d window %d: spilled %v", n, window, spilled)
			}
			var got []Entry
			if err := s.each(func(e *Entry) error { got = append(got, *e); return nil }); err != nil {
				t.Fatal(err)
			}
			s.close()
			if len(got) != len(want) {
				t.Fatalf("n %d window %d: %d entries out", n, window, len(got))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.Line != w.Line || !g.Instant.Equal(w.Instant) || g.DateState != w.DateState || !g.PID.Equal(w.PID) || g.Rule != w.Rule || g.File != w.File {
					t.Fatalf("n %d window %d: entry %d = %+v, want %+v", n, window, i, g, w)
				}
			}
		}
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestEntryRoundTrip(t *testing.T) {
	es := []Entry{
		{DateState: record.DateValid, Instant: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), PID: model.IntOf(-5), Host: "h", OS: "linux", Rule: "r", Event: "e", Outcome: "o", Process: "p", User: "u", Detail: "d\x00\n", File: "f", Line: 7, Lead: "l", Raw: []byte(`{"a":1}`)},
		{DateState: record.DateIllTyped, PID: model.IllTypedInt(`{"a":[1]}`), Line: 1 << 40},
		{DateState: record.DateAbsent},
		{DateState: record.DateValid, Instant: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
	}
	for i, e := range es {
		k := e.key(uint64(i))
		it := item{key: k, data: appendEntry(nil, &e)}
		got, err := decodeEntry(it.data, it.key)
		if err != nil {
			t.Fatal(err)
		}
		same := got.Instant.Equal(e.Instant) && got.PID.Equal(e.PID) && got.Line == e.Line && got.DateState == e.DateState &&
			[11]string{got.Host, got.OS, got.Rule, got.Event, got.Outcome, got.Process, got.User, got.Detail, got.File, got.Lead, string(got.Raw)} ==
				[11]string{e.Host, e.OS, e.Rule, e.Event, e.Outcome, e.Process, e.User, e.Detail, e.File, e.Lead, string(e.Raw)}
		if !same {
			t.Errorf("entry %d: %+v, want %+v", i, got, e)
		}
		// and through a run's framing
		b := appendSpilled(nil, it)
		if len(b) < len(it.data) {
			t.Errorf("entry %d: spilled form shorter than the entry", i)
		}
	}
	if _, err := decodeEntry([]byte{0, 200}, sortKey{}); err == nil {
		t.Error("a truncated entry decoded")
	}
}

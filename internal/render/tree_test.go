package render

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// deepChainEvent is an event whose process has an ancestor chain depth
// processes deep; the nearest ancestor has a sibling, so that guides show.
func deepChainEvent(depth int) string {
	var b strings.Builder
	b.WriteString(`{"agent":{"rule_id":"r"},"evt":{"name":"exec"},"process":{"pid":1,"executable":{"name":"leaf.exe"},"ancestors":[`)
	for i := range depth {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"pid":%d,"executable":{"name":"p%d"}}`, i+2, depth-i)
	}
	b.WriteString("]}}")
	return b.String()
}

// Past maxTreeIndent, lines stop moving right and say their depth; hits
// hang below their process as above the cap.
func TestWriteTreeDepthCap(t *testing.T) {
	depth := maxTreeIndent + 3
	sibling := `{"agent":{"rule_id":"s"},"evt":{"name":"exec"},"process":{"pid":99,"executable":{"name":"sibling.exe"},"ancestors":[` +
		deepChainEvent(depth)[strings.Index(deepChainEvent(depth), `"ancestors":[`)+len(`"ancestors":[`):]
	sibling = strings.Replace(sibling, `{"pid":2,"executable":{"name":"p`+fmt.Sprint(depth)+`"}},`, "", 1)
	forests := forestsOf(t, deepChainEvent(depth), sibling)
	for _, ascii := range []bool{false, true} {
		var out bytes.Buffer
		if err := WriteTree(&out, forests, TreeStyle{Palette: iostreams.NewPalette(false), ASCII: ascii}); err != nil {
			t.Fatal(err)
		}
		name := "tree-depth-cap.golden"
		if ascii {
			name = "tree-depth-cap-ascii.golden"
		}
		golden.Assert(t, filepath.Join("testdata", name), out.Bytes())
	}
}

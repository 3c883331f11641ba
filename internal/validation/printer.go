package validation

import (
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/schema"
)

// Printer appends an event's verdict, one with findings, to dst.
type Printer func(dst []byte, vd *schema.Verdict) []byte

// TextPrinter prints each finding as FILE:LINE: /json/pointer: message,
// coloured with pal.
func TextPrinter(pal *iostreams.Palette) Printer {
	return func(dst []byte, vd *schema.Verdict) []byte { return render.AppendVerdictText(dst, vd, pal) }
}

// JSONPrinter prints one object per invalid event.
func JSONPrinter(*iostreams.Palette) Printer { return render.AppendVerdictJSON }

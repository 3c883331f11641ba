package iostreams

import "testing"

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		mode    ColorMode
		tty     bool
		noColor bool
		want    bool
	}{
		{ColorAuto, true, false, true},
		{ColorAuto, false, false, false},
		{ColorAuto, true, true, false}, // NO_COLOR wins over a terminal
		{ColorAlways, false, false, true},
		{ColorAlways, true, true, true}, // an explicit flag wins over NO_COLOR
		{ColorNever, true, false, false},
	}
	for _, tt := range tests {
		s, _, _, _ := Test()
		s.SetStdoutTTY(tt.tty)
		s.noColor = tt.noColor
		s.SetColorMode(tt.mode)
		if got := s.ColorEnabled(); got != tt.want {
			t.Errorf("mode %s, tty %v, NO_COLOR %v: colour %v, want %v", tt.mode, tt.tty, tt.noColor, got, tt.want)
		}
	}
}

func TestParseColorMode(t *testing.T) {
	for _, ok := range []string{"auto", "always", "never"} {
		if _, err := ParseColorMode(ok); err != nil {
			t.Errorf("ParseColorMode(%q): %v", ok, err)
		}
	}
	if _, err := ParseColorMode("sometimes"); err == nil {
		t.Error("ParseColorMode(sometimes) accepted")
	}
}

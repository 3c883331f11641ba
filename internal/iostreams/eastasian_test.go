package iostreams

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// eastAsianEnv lists every variable eastAsianWidths reads.
var eastAsianEnv = []string{
	"RUNEWIDTH_EASTASIAN", "TERM_PROGRAM", "TERM_PROGRAM_WSL", "TERM", "VTE_VERSION",
	"ALACRITTY_LOG", "WT_PROFILE_ID", "ConEmuANSI", "LC_ALL", "LC_CTYPE", "LANG",
}

func TestEastAsianWidths(t *testing.T) {
	tests := []struct {
		name        string
		goos        string // "" for any
		env         string // NAME=value, space-separated
		wide        bool
		narrowBoxes bool
	}{
		{"nothing set", "", "", false, false},
		{"C locale", "", "LANG=C", false, false},
		{"POSIX locale", "", "LC_ALL=POSIX LANG=ja_JP.UTF-8", false, false},
		{"English", "", "LANG=en_US.UTF-8", false, false},
		{"Japanese", "", "LANG=ja_JP.UTF-8", true, false},
		{"Chinese, in capitals", "", "LANG=ZH_CN.GB18030", true, false},
		{"Korean with a modifier", "", "LANG=ko_KR.eucKR@euro", true, false},
		{"modifier before the encoding", "", "LANG=ja@x.UTF-8", true, false},
		{"ISO 639-2 code", "", "LANG=jpn", true, false},
		{"full name", "", "LANG=chinese", true, false},
		{"a CJK region", "", "LANG=en_HK.UTF-8", true, false},
		{"Singapore", "", "LANG=en_SG", true, false},
		{"region after an empty part", "", "LANG=en__tw", true, false},
		{"no region", "", "LANG=en_", false, false},
		{"a prefix counts", "", "LANG=kok_IN", true, false},
		{"region is not a prefix", "", "LANG=en_CNX", false, false},
		{"LC_ALL before LC_CTYPE", "", "LC_ALL=en_US LC_CTYPE=ja_JP LANG=ja_JP", false, false},
		{"LC_CTYPE before LANG", "", "LC_CTYPE=zh_TW LANG=en_US", true, false},
		{"empty LC_ALL is unset", "", "LC_ALL= LANG=ja_JP", true, false},
		{"xterm is modern", "", "TERM=xterm-256color LANG=ja_JP.UTF-8", false, false},
		{"xterm-mono is not", "", "TERM=xterm-mono LANG=ja_JP.UTF-8", true, false},
		{"screen", "", "TERM=screen.xterm LANG=ja_JP", false, false},
		{"tmux", "", "TERM=tmux-256color LANG=ja_JP", false, false},
		{"linux console", "", "TERM=linux LANG=ja_JP", true, false},
		{"wezterm by TERM", "", "TERM=WezTerm LANG=zh_CN", false, false},
		{"VS Code", "", "TERM_PROGRAM=vscode LANG=zh_CN", false, false},
		{"iTerm in any case", "", "TERM_PROGRAM=iTerm.app LANG=zh_CN", false, false},
		{"unknown TERM_PROGRAM", "", "TERM_PROGRAM=Apple_Terminal TERM=vt100 LANG=zh_CN", true, false},
		{"WSL", "", "TERM_PROGRAM_WSL=1 LANG=zh_CN", false, false},
		{"VTE", "", "VTE_VERSION=7600 LANG=zh_CN", false, false},
		{"Alacritty", "", "ALACRITTY_LOG=alacritty.log LANG=zh_CN", false, false},
		{"override on", "", "RUNEWIDTH_EASTASIAN=1 LANG=en_US", true, false},
		{"override yes, any case", "", "RUNEWIDTH_EASTASIAN=YES", true, false},
		{"override on in a modern terminal", "", "RUNEWIDTH_EASTASIAN=on TERM=xterm", true, true},
		{"override off", "", "RUNEWIDTH_EASTASIAN=false LANG=ja_JP TERM=linux", false, false},
		{"override off, no", "", "RUNEWIDTH_EASTASIAN=no LANG=ja_JP", false, false},
		{"unknown override is ignored", "", "RUNEWIDTH_EASTASIAN=2 LANG=ja_JP", true, false},
		{"Windows Terminal", "windows", "WT_PROFILE_ID={x} LANG=ja_JP", false, false},
		{"ConEmu", "windows", "ConEmuANSI=ON LANG=ja_JP", false, false},
		{"ConEmu off", "windows", "ConEmuANSI=OFF LANG=ja_JP", true, false},
		{"vt on Windows", "windows", "TERM=vt100 LANG=ja_JP", false, false},
		{"Windows Terminal elsewhere", "linux", "WT_PROFILE_ID={x} LANG=ja_JP", true, false},
		{"vt elsewhere", "linux", "TERM=vt100 LANG=ja_JP", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for _, kv := range strings.Fields(tt.env) {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
			getenv := func(k string) string { return env[k] }
			goos := tt.goos
			if goos == "" {
				goos = runtime.GOOS
			}
			wide, narrowBoxes := eastAsianWidths(getenv, goos)
			if wide != tt.wide || narrowBoxes != tt.narrowBoxes {
				t.Errorf("eastAsianWidths(%s) on %s = %v, %v; want %v, %v", tt.env, goos, wide, narrowBoxes, tt.wide, tt.narrowBoxes)
			}
			if goos != runtime.GOOS {
				return // tablewriter looks only at the system it runs on
			}
			// tablewriter's answer for the same environment.
			for _, k := range eastAsianEnv {
				t.Setenv(k, env[k])
				if _, set := env[k]; !set {
					os.Unsetenv(k)
				}
			}
			mode := twwidth.EastAsianMode()
			twWide := mode == "override_on" || mode == "locale_cjk"
			twNarrowBoxes := twWide && twwidth.Debugging().Derived.IsModernEnv
			if wide != twWide || narrowBoxes != twNarrowBoxes {
				t.Errorf("eastAsianWidths(%s) = %v, %v; tablewriter decides %v, %v (%s)", tt.env, wide, narrowBoxes, twWide, twNarrowBoxes, mode)
			}
		})
	}
}

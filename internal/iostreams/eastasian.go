package iostreams

import (
	"strings"
)

// eastAsianWidths is how wide East Asian ambiguous characters (box
// drawing, Greek and Cyrillic letters, many symbols) are on the terminal
// csmctl runs in, decided from its environment as tablewriter's twwidth
// package decides it (the reference the tests hold csmctl to), in this
// order:
//
//  1. RUNEWIDTH_EASTASIAN set to 1, on, true or yes makes them two columns
//     wide; 0, off, false or no makes them one (any case);
//  2. a modern terminal makes them one column wide: TERM_PROGRAM naming one
//     (vscode, iTerm.app, WezTerm, kitty, ...), TERM_PROGRAM_WSL,
//     VTE_VERSION or ALACRITTY_LOG set, a TERM that is a modern terminal's,
//     or holds xterm (not xterm-mono), screen or tmux; on Windows also
//     WT_PROFILE_ID set, ConEmuANSI=ON, or a TERM holding xterm or vt;
//  3. otherwise the first of LC_ALL, LC_CTYPE and LANG that is set, less
//     its encoding and modifier (zh_TW.UTF-8@x is zh_tw), makes them two
//     columns wide when it is a Chinese, Japanese or Korean locale: its
//     language is zh, ja, ko, chi, zho, jpn, kor, chinese, japanese or
//     korean, or its region is CN, TW, HK, MO, JP, KR, KP or SG.
//
// wide is the answer. narrowBoxes is true when RUNEWIDTH_EASTASIAN made
// them wide on a modern terminal: box-drawing characters, which such
// terminals draw one column wide whatever the locale, stay one column.
func eastAsianWidths(getenv func(string) string, goos string) (wide, narrowBoxes bool) {
	modern := modernTerminal(getenv, goos)
	switch strings.ToLower(getenv("RUNEWIDTH_EASTASIAN")) {
	case "1", "on", "true", "yes":
		return true, modern
	case "0", "off", "false", "no":
		return false, false
	}
	if modern {
		return false, false
	}
	return cjkLocale(getenv), false
}

// modernTerminalName reports whether a lower-cased TERM_PROGRAM or TERM
// names a terminal that draws ambiguous characters one column wide. (A
// switch, not a map: nothing to build at start-up.)
func modernTerminalName(name string) bool {
	switch name {
	case "vscode", "visual studio code", "iterm.app", "iterm2",
		"windows terminal", "windowsterminal", "alacritty", "kitty",
		"hyper", "tabby", "terminus", "fluentterminal", "warp", "ghostty",
		"rio", "jetbrains-jediterm", "xterm-kitty", "xterm-ghostty", "wezterm":
		return true
	}
	return false
}

// modernTerminal is step 2 of eastAsianWidths.
func modernTerminal(getenv func(string) string, goos string) bool {
	if modernTerminalName(strings.ToLower(getenv("TERM_PROGRAM"))) {
		return true
	}
	if getenv("TERM_PROGRAM_WSL") != "" {
		return true
	}
	term := strings.ToLower(getenv("TERM"))
	if goos == "windows" {
		if getenv("WT_PROFILE_ID") != "" || getenv("ConEmuANSI") == "ON" {
			return true
		}
		if strings.Contains(term, "xterm") || strings.Contains(term, "vt") {
			return true
		}
	}
	if getenv("VTE_VERSION") != "" || getenv("ALACRITTY_LOG") != "" {
		return true
	}
	return modernTerminalName(term) ||
		strings.Contains(term, "xterm") && !strings.Contains(term, "xterm-mono") ||
		strings.Contains(term, "screen") || strings.Contains(term, "tmux")
}

// cjkLanguages are the language codes of step 3, matched as prefixes (as
// twwidth matches them: "kokoro" would count).
var cjkLanguages = []string{"zh", "ja", "ko", "chi", "zho", "jpn", "kor", "chinese", "japanese", "korean"}

// cjkRegion reports whether a lower-cased region is one of step 3's.
func cjkRegion(region string) bool {
	switch region {
	case "cn", "tw", "hk", "mo", "jp", "kr", "kp", "sg":
		return true
	}
	return false
}

// cjkLocale is step 3 of eastAsianWidths.
func cjkLocale(getenv func(string) string) bool {
	locale := getenv("LC_ALL")
	if locale == "" {
		locale = getenv("LC_CTYPE")
	}
	if locale == "" {
		locale = getenv("LANG")
	}
	if locale == "" || locale == "C" || locale == "POSIX" {
		return false
	}
	if i := strings.IndexByte(locale, '.'); i >= 0 {
		locale = locale[:i]
	}
	if i := strings.IndexByte(locale, '@'); i >= 0 {
		locale = locale[:i]
	}
	locale = strings.ToLower(locale)
	for _, lang := range cjkLanguages {
		if strings.HasPrefix(locale, lang) {
			return true
		}
	}
	_, regions, _ := strings.Cut(locale, "_")
	for regions != "" {
		var region string
		region, regions, _ = strings.Cut(regions, "_")
		if cjkRegion(region) {
			return true
		}
	}
	return false
}

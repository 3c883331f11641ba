package hunt

import (
	"net/netip"
	"strings"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/rfc3339"
	"github.com/csmctl/csmctl/internal/secl"
)

// convert appends the values the JSON value v holds for f, read as c says.
// A value of the wrong JSON type yields nothing: an ill-typed member is not
// turned into a value that looks real (a pid 0, an empty path).
func (e *Event) convert(f *Field, c conv, v []byte, dst []secl.Value) []secl.Value {
	switch c {
	case convConstants:
		if n, ok := e.constants(v); ok {
			dst = append(dst, secl.Value{Int: n})
		}
		return dst
	case convCount:
		n := 0
		forEach(v, func([]byte) { n++ })
		if v[0] == '[' {
			dst = append(dst, secl.Value{Int: int64(n)})
		}
		return dst
	case convArgs:
		if args, ok := stringsOf(v); ok {
			dst = append(dst, secl.Value{Str: strings.Join(args, " ")})
		}
		return dst
	case convArgsFlags, convArgsOptions, convEnvNames:
		args, _ := stringsOf(v)
		var out []string
		switch c {
		case convArgsFlags:
			out = argsFlags(args)
		case convArgsOptions:
			out = argsOptions(args)
		default:
			for _, a := range args {
				name, _, _ := strings.Cut(a, "=")
				out = append(out, name)
			}
		}
		for _, s := range out {
			dst = append(dst, secl.Value{Str: s})
		}
		return dst
	}
	if f.Spec.Array && v[0] == '[' {
		forEach(v, func(el []byte) { dst = appendScalar(c, el, dst) })
		return dst
	}
	return appendScalar(c, v, dst)
}

// appendScalar appends the value of one JSON string, number or boolean.
func appendScalar(c conv, v []byte, dst []secl.Value) []secl.Value {
	switch c {
	case convInt:
		if n, ok := jsonscan.Int(v); ok {
			dst = append(dst, secl.Value{Int: n})
		}
	case convRights:
		if n, ok := jsonscan.Int(v); ok {
			dst = append(dst, secl.Value{Int: n & 0o7777})
		}
	case convBool:
		switch string(v) {
		case "true":
			dst = append(dst, secl.Value{Bool: true})
		case "false":
			dst = append(dst, secl.Value{Bool: false})
		}
	default:
		if v[0] != '"' {
			return dst
		}
		s := jsonscan.Unquote(v)
		switch c {
		case convString:
			dst = append(dst, secl.Value{Str: s})
		case convBasename:
			dst = append(dst, secl.Value{Str: model.BaseName(s)})
		case convIP:
			if p, ok := parseIP(s); ok {
				dst = append(dst, secl.Value{IP: p})
			}
		case convTime:
			if t, err := rfc3339.Parse([]byte(s)); err == nil {
				dst = append(dst, secl.Value{Int: t.UnixNano()})
			}
		}
	}
	return dst
}

// parseIP reads an address (a prefix of its full length) or a CIDR.
func parseIP(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p, err == nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// constants is the value of constant names as the backend writes them:
// one name, names joined by " | ", or an array of names; the values or'ed.
// An unknown name yields nothing rather than a partial value; "" and []
// are 0, no flag set.
func (e *Event) constants(v []byte) (int64, bool) {
	var names []string
	switch v[0] {
	case '"':
		s := jsonscan.Unquote(v)
		if strings.TrimSpace(s) != "" {
			names = strings.Split(s, "|")
		}
	case '[':
		var ok bool
		if names, ok = stringsOf(v); !ok {
			return 0, false
		}
	default:
		return 0, false
	}
	var n int64
	for _, name := range names {
		if e.constant == nil {
			return 0, false
		}
		c, ok := e.constant(strings.TrimSpace(name))
		if !ok {
			return 0, false
		}
		n |= c
	}
	return n, true
}

// stringsOf is the strings of a JSON array of strings; false when v is not
// one (an element of another type spoils the whole).
func stringsOf(v []byte) ([]string, bool) {
	if v[0] != '[' {
		return nil, false
	}
	var out []string
	ok := true
	forEach(v, func(el []byte) {
		if el[0] != '"' {
			ok = false
			return
		}
		out = append(out, jsonscan.Unquote(el))
	})
	return out, ok
}

// argsFlags is the agent's args_flags: the arguments starting with - or --
// that carry no value: each letter of -ln, the name of --version.
func argsFlags(args []string) []string {
	var out []string
	for _, a := range args {
		switch {
		case strings.HasPrefix(a, "--"):
			if name := a[2:]; name != "" && !strings.Contains(name, "=") {
				out = append(out, name)
			}
		case len(a) > 1 && a[0] == '-':
			if !isAlnum(a[1:]) {
				continue
			}
			for _, r := range a[1:] {
				out = append(out, string(r))
			}
		}
	}
	return out
}

// argsOptions is the agent's args_options: an option and its value, given
// as --width=8, or as -T 8 (the value the next argument).
func argsOptions(args []string) []string {
	var out []string
	for i, a := range args {
		switch {
		case strings.HasPrefix(a, "--"):
			if strings.Contains(a, "=") {
				out = append(out, a[2:])
			}
		case len(a) == 2 && a[0] == '-' && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-"):
			out = append(out, a[1:]+"="+args[i+1])
		}
	}
	return out
}

func isAlnum(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

package render

import (
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// The expected values are the Linux and POSIX constants (signal(7),
// linux/ptrace.h, RFC 1035 and 2136, stat(2)'s S_IF* bits, ls -l), written
// out here by hand.
func TestDecodeConstants(t *testing.T) {
	tests := []struct {
		name   string
		decode func(string) string
		in     string
		want   string
	}{
		{"signal", signalText, "SIGKILL", "SIGKILL (9)"},
		{"signal", signalText, "SIGTERM", "SIGTERM (15)"},
		{"signal", signalText, "SIGHUP", "SIGHUP (1)"},
		{"signal", signalText, "SIGSYS", "SIGSYS (31)"},
		{"signal", signalText, "9", "9 (SIGKILL)"},
		{"signal", signalText, "19", "19 (SIGSTOP)"},
		{"signal", signalText, "64", "64"},
		{"signal", signalText, "-9", "-9"},
		{"signal", signalText, "SIGFOO", "SIGFOO"},
		{"signal", signalText, "", ""},
		{"ptrace", ptraceRequestText, "PTRACE_TRACEME", "PTRACE_TRACEME (0)"},
		{"ptrace", ptraceRequestText, "PTRACE_ATTACH", "PTRACE_ATTACH (16)"},
		{"ptrace", ptraceRequestText, "PTRACE_POKEUSR", "PTRACE_POKEUSR (6)"},
		{"ptrace", ptraceRequestText, "PTRACE_SEIZE", "PTRACE_SEIZE (0x4206)"},
		{"ptrace", ptraceRequestText, "PTRACE_GETREGSET", "PTRACE_GETREGSET (0x4204)"},
		{"ptrace", ptraceRequestText, "PTRACE_NEW", "PTRACE_NEW"},
		{"dns class", dnsClassName, "CLASS_INET", "IN"},
		{"dns class", dnsClassName, "CLASS_CHAOS", "CH"},
		{"dns class", dnsClassName, "CLASS_ANY", "ANY"},
		{"dns class", dnsClassName, "CLASS_FOO", "CLASS_FOO"},
		{"protection", protectionText, "PROT_EXEC | PROT_READ", "PROT_EXEC | PROT_READ (r-x)"},
		{"protection", protectionText, "PROT_READ|PROT_WRITE", "PROT_READ|PROT_WRITE (rw-)"},
		{"protection", protectionText, "PROT_NONE", "PROT_NONE (---)"},
		{"protection", protectionText, "VM_MAYEXEC | VM_MAYREAD | VM_MAYWRITE | VM_READ", "VM_MAYEXEC | VM_MAYREAD | VM_MAYWRITE | VM_READ (r--)"},
		{"protection", protectionText, "VM_EXEC | VM_READ | VM_WRITE", "VM_EXEC | VM_READ | VM_WRITE (rwx)"},
		{"protection", protectionText, "0x7", "0x7"},
		{"protection", protectionText, "", ""},
		{"access", protectionAccess, "PROT_WRITE", "-w-"},
		{"access", protectionAccess, "MAP_SHARED", ""},
		{"family", addressFamilyText, "AF_INET", "AF_INET (IPv4)"},
		{"family", addressFamilyText, "AF_INET6", "AF_INET6 (IPv6)"},
		{"family", addressFamilyText, "AF_UNIX", "AF_UNIX (Unix socket)"},
		{"family", addressFamilyText, "AF_FOO", "AF_FOO"},
		{"protocol", protocolName, "IP_PROTO_TCP", "tcp"},
		{"protocol", protocolName, "IPPROTO_UDP", "udp"},
		{"protocol", protocolName, "ETH_P_IPV6", "ipv6"},
		{"protocol", protocolName, "sctp", "sctp"},
	}
	for _, tt := range tests {
		if got := tt.decode(tt.in); got != tt.want {
			t.Errorf("%s %q = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestDecodeIntegers(t *testing.T) {
	tests := []struct {
		name   string
		decode func(model.Int) string
		in     model.Int
		want   string
	}{
		{"rcode", dnsResponseCodeText, model.IntOf(0), "0 (NOERROR)"},
		{"rcode", dnsResponseCodeText, model.IntOf(2), "2 (SERVFAIL)"},
		{"rcode", dnsResponseCodeText, model.IntOf(3), "3 (NXDOMAIN)"},
		{"rcode", dnsResponseCodeText, model.IntOf(5), "5 (REFUSED)"},
		{"rcode", dnsResponseCodeText, model.IntOf(10), "10 (NOTZONE)"},
		{"rcode", dnsResponseCodeText, model.IntOf(11), "11"},
		{"rcode", dnsResponseCodeText, model.IntOf(-1), "-1"},
		{"rcode", dnsResponseCodeText, model.IllTypedInt(`"3"`), `"3" (invalid)`},
		{"rcode", dnsResponseCodeText, model.Int{}, ""},
		{"mode", fileModeText, model.IntOf(33188), "33188 (0100644 -rw-r--r--)"},
		{"mode", fileModeText, model.IntOf(33261), "33261 (0100755 -rwxr-xr-x)"},
		{"mode", fileModeText, model.IntOf(16877), "16877 (040755 drwxr-xr-x)"},
		{"mode", fileModeText, model.IntOf(17407), "17407 (041777 drwxrwxrwt)"},
		{"mode", fileModeText, model.IntOf(35309), "35309 (0104755 -rwsr-xr-x)"},
		{"mode", fileModeText, model.IntOf(34212), "34212 (0102644 -rw-r-Sr--)"},
		{"mode", fileModeText, model.IntOf(41471), "41471 (0120777 lrwxrwxrwx)"},
		{"mode", fileModeText, model.IntOf(8630), "8630 (020666 crw-rw-rw-)"},
		{"mode", fileModeText, model.IntOf(932), "932 (01644 rw-r--r-T)"},
		{"mode", fileModeText, model.IntOf(511), "511 (0777 rwxrwxrwx)"},
		{"mode", fileModeText, model.IntOf(0), "0 (0 ---------)"},
		{"mode", fileModeText, model.IntOf(70000), "70000 (0210560)"},
		{"mode", fileModeText, model.IntOf(-1), "-1"},
		{"mode", fileModeText, model.IllTypedInt(`"0644"`), `"0644" (invalid)`},
		{"mode", fileModeText, model.Int{}, ""},
	}
	for _, tt := range tests {
		if got := tt.decode(tt.in); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.name, tt.in.Raw(), got, tt.want)
		}
	}
}

func TestEndpointText(t *testing.T) {
	tests := []struct {
		ip   string
		port model.Int
		want string
	}{
		{"10.0.0.5", model.IntOf(443), "10.0.0.5:443"},
		{"::1", model.IntOf(53), "[::1]:53"},
		{"fe80::1%eth0", model.IntOf(0), "[fe80::1%eth0]:0"},
		{"", model.IntOf(80), "?:80"},
		{"1.2.3.4", model.Int{}, "1.2.3.4"},
		{"1.2.3.4", model.IllTypedInt(`"80"`), `1.2.3.4:"80" (invalid)`},
	}
	for _, tt := range tests {
		if got := endpointText(tt.ip, tt.port); got != tt.want {
			t.Errorf("endpointText(%q, %s) = %q, want %q", tt.ip, tt.port.Raw(), got, tt.want)
		}
	}
}

func TestFlowText(t *testing.T) {
	src := &model.IPPort{IP: "10.0.0.5", Port: model.IntOf(51234)}
	dst := &model.IPPort{IP: "2001:db8::1", Port: model.IntOf(443)}
	tests := []struct {
		src, dst              *model.IPPort
		l4, direction, ifname string
		want                  string
	}{
		{src, dst, "IP_PROTO_TCP", "EGRESS", "eth0", "10.0.0.5:51234 → [2001:db8::1]:443 tcp egress eth0"},
		{nil, dst, "", "", "", "? → [2001:db8::1]:443"},
		{nil, nil, "IP_PROTO_UDP", "INGRESS", "", "udp ingress"},
		{nil, nil, "", "", "", ""},
	}
	for _, tt := range tests {
		if got := flowText(tt.src, tt.dst, tt.l4, tt.direction, tt.ifname); got != tt.want {
			t.Errorf("flowText = %q, want %q", got, tt.want)
		}
	}
}

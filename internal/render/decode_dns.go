package render

import (
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/record"
)

// dnsResponseCodes names the DNS response codes of RFC 1035 and RFC 2136.
var dnsResponseCodes = [...]string{
	"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
	"YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE",
}

// dnsResponseCodeName is the name of a DNS response code, "" when it has
// none (or is ill-typed).
func dnsResponseCodeName(code model.Int) string {
	if n, ok := code.Int64(); ok && n >= 0 && n < int64(len(dnsResponseCodes)) {
		return dnsResponseCodes[n]
	}
	return ""
}

// dnsResponseCodeText is a response code as written with its name beside
// it: "3 (NXDOMAIN)".
func dnsResponseCodeText(code model.Int) string {
	return withNote(record.IntText(code), dnsResponseCodeName(code))
}

// dnsClassName is the mnemonic of a DNS class the agent writes as
// CLASS_INET: IN, CH, HS, NONE, ANY; anything else as written.
func dnsClassName(written string) string {
	switch written {
	case "CLASS_INET":
		return "IN"
	case "CLASS_CSNET":
		return "CS"
	case "CLASS_CHAOS":
		return "CH"
	case "CLASS_HESIOD":
		return "HS"
	case "CLASS_NONE":
		return "NONE"
	case "CLASS_ANY":
		return "ANY"
	}
	return written
}

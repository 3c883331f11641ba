package cmd

import (
	"fmt"
	"strconv"
	"strings"
)

// byteSize is a flag value in bytes, written as a number with an optional
// unit: 256MiB, 64KiB, 1GiB, 300MB, 1048576.
type byteSize struct{ n *int }

var byteUnits = []struct {
	suffix string
	mult   int
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
}

func (b byteSize) String() string {
	if b.n == nil || *b.n == 0 {
		return "0"
	}
	for _, u := range byteUnits[:3] {
		if *b.n%u.mult == 0 && *b.n/u.mult < 1024 {
			return strconv.Itoa(*b.n/u.mult) + u.suffix
		}
	}
	return strconv.Itoa(*b.n)
}

func (b byteSize) Set(s string) error {
	num, mult := strings.TrimSpace(s), 1
	for _, u := range byteUnits {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.Atoi(num)
	if err != nil || v <= 0 || v > (1<<40)/mult {
		return fmt.Errorf("want a positive size such as 256MiB, 64KiB or 1048576")
	}
	*b.n = v * mult
	return nil
}

func (b byteSize) Type() string { return "size" }

package render

import (
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() {
	showSections.register(showSection{
		name: "file", order: 400, shows: []string{"file"},
		has:   func(ev *model.Event) bool { return ev.File != nil },
		write: (*eventView).file,
	})
}

// file shows the file the event is about, and the destination of a
// rename, link, chmod, chown, utimes or setxattr: its path, or its new
// mode and owner.
func (v *eventView) file() {
	f := v.ev.File
	v.section("file", func(t *Table) {
		r := coveredRows{t: t}
		fileRows(&r, &f.File, "")
		if f.Destination != nil {
			fileRows(&r, f.Destination, "destination.")
		}
		r.cover("destination")
		r.restOf(f, "")
	})
}

// fileRows adds the rows of file f, keys prefixed with prefix, then every
// other property it has: the mode in octal and as ls writes it, the owner
// as user:group (uid:gid), the package as name and version.
func fileRows(r *coveredRows, f *model.File, prefix string) {
	r.row(prefix+"path", f.Path)
	r.row(prefix+"device_path", f.DevicePath)
	r.row(prefix+"name", f.Name)
	r.row(prefix+"mode", modeText(f.Mode))
	r.row(prefix+"owner", ownerText(f.User, f.UID, f.Group, f.GID),
		prefix+"user", prefix+"uid", prefix+"group", prefix+"gid")
	r.row(prefix+"package", joinNonEmpty(" ", f.PackageName, f.PackageVersion),
		prefix+"package_name", prefix+"package_version")
	r.row(prefix+"flags", strings.Join(f.Flags, ", "))
	for i, h := range f.Hashes {
		key := ""
		if i == 0 {
			key = prefix + "hashes"
		}
		fieldRow(r.t, key, h)
	}
	r.cover(prefix + "hashes")
	r.restOf(f, prefix)
}

// modeText is a file mode as written, then in octal and as ls -l writes it
// (type character first, when the mode has one): 33261 (0100755
// -rwxr-xr-x). An ill-typed or negative mode is only written.
func modeText(m model.Int) string {
	n, ok := m.Int64()
	if !ok || n < 0 || n > 0o177777 {
		return intText(m)
	}
	return intText(m) + " (0" + strconv.FormatInt(n, 8) + " " + symbolicMode(uint32(n)) + ")"
}

// symbolicMode writes mode as ls -l does: the file type, then read,
// write and execute for owner, group and others, with the setuid, setgid
// and sticky bits as s/S and t/T. A mode without type bits, as chmod's
// new mode, has no type character.
func symbolicMode(mode uint32) string {
	var b []byte
	if t, ok := fileTypeChars[mode&0o170000]; ok {
		b = append(b, t)
	} else if mode&0o170000 != 0 {
		b = append(b, '?')
	}
	special := [3]struct {
		bit        uint32
		set, unset byte
	}{{0o4000, 's', 'S'}, {0o2000, 's', 'S'}, {0o1000, 't', 'T'}}
	for i := range 3 {
		perm := mode >> (6 - 3*i)
		b = append(b, flagChar(perm&4 != 0, 'r'), flagChar(perm&2 != 0, 'w'))
		exec := flagChar(perm&1 != 0, 'x')
		if s := special[i]; mode&s.bit != 0 {
			exec = s.unset
			if perm&1 != 0 {
				exec = s.set
			}
		}
		b = append(b, exec)
	}
	return string(b)
}

// fileTypeChars maps the type bits of a mode (S_IFMT) to ls's character.
var fileTypeChars = map[uint32]byte{
	0o140000: 's', 0o120000: 'l', 0o100000: '-', 0o060000: 'b',
	0o040000: 'd', 0o020000: 'c', 0o010000: 'p',
}

func flagChar(set bool, c byte) byte {
	if set {
		return c
	}
	return '-'
}

// ownerText is an owner as chown writes one, user:group (uid:gid): the
// names alone or the ids alone when only those are present, user without
// a colon when there is no group, :group when there is no user.
func ownerText(user string, uid model.Int, group string, gid model.Int) string {
	ids := chownPair(intText(uid), intText(gid))
	names := chownPair(user, group)
	switch {
	case names == "":
		return ids
	case ids == "":
		return names
	}
	return names + " (" + ids + ")"
}

// chownPair is user:group, user or :group, as chown reads them.
func chownPair(user, group string) string {
	if group == "" {
		return user
	}
	return user + ":" + group
}

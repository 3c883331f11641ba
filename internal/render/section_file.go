package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&fileSection) }

var fileSection = showSection{
	name: "file", order: 400, shows: []string{"file"},
	has:   func(ev *model.Event) bool { return ev.File != nil },
	write: (*eventView).file,
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
	r.row(prefix+"mode", fileModeText(f.Mode))
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

// ownerText is an owner as chown writes one, user:group (uid:gid): the
// names alone or the ids alone when only those are present, user without
// a colon when there is no group, :group when there is no user.
func ownerText(user string, uid model.Int, group string, gid model.Int) string {
	ids := chownPair(record.IntText(uid), record.IntText(gid))
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

package query

import (
	"errors"
	"io/fs"

	"github.com/itchyny/gojq"
)

// localModules is what gojq.NewModuleLoader returns: the loader of ~/.jq and
// of the modules found in the search paths.
type localModules interface {
	LoadInitModules() ([]*gojq.Query, error)
	LoadModuleWithMeta(name string, meta map[string]any) (*gojq.Query, error)
	LoadJSONWithMeta(name string, meta map[string]any) (any, error)
}

// moduleLoader is gojq's loader, except that a ~/.jq that cannot be read
// (an unreadable or mistaken $HOME) is ignored, as a missing one is: gojq
// would fail every filter with it. A ~/.jq that is read and does not parse
// is still an error.
type moduleLoader struct{ localModules }

func newModuleLoader(paths []string) moduleLoader {
	return moduleLoader{gojq.NewModuleLoader(paths).(localModules)}
}

// LoadInitModules loads ~/.jq, if it can be read.
func (l moduleLoader) LoadInitModules() ([]*gojq.Query, error) {
	qs, err := l.localModules.LoadInitModules()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, nil
	}
	return qs, err
}

package scoring

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
)

//go:embed instruments/*.yaml
var embedded embed.FS

// SourceEmbedded is the Source of an instrument built into the program.
const SourceEmbedded = "embedded"

// Registry holds every known version of every instrument.
type Registry struct {
	byID map[string][]*Instrument // versions, oldest first
	ids  []string
}

// Version describes one version of an instrument and where it came from.
type Version struct {
	// Version is the version number.
	Version int
	// Source is "embedded" or the local file's path.
	Source string
	// Active reports whether Lookup without a version returns this one.
	Active bool
}

var (
	defaultOnce sync.Once
	defaultReg  *Registry
)

// Default returns the registry of embedded instruments only, built once. It panics if
// the embedded data is broken, which the package's tests rule out.
func Default() *Registry {
	defaultOnce.Do(func() {
		r, errs := Load(nil)
		if len(errs) > 0 {
			panic(fmt.Sprintf("scoring: embedded instruments: %v", errors.Join(errs...)))
		}
		defaultReg = r
	})
	return defaultReg
}

// Load builds a registry from the embedded instruments and, when local is not nil, the
// *.yaml files at local's root (the user's instruments folder). A local file adds a
// version; one with the same id and version as an embedded instrument is ignored. Each
// broken local file gives one error naming the file and the field, and is skipped: the
// registry stays usable.
func Load(local fs.FS) (*Registry, []error) {
	r := &Registry{byID: map[string][]*Instrument{}}
	var errs []error
	if err := r.addDir(embedded, "instruments", SourceEmbedded); err != nil {
		errs = append(errs, err...)
	}
	if local != nil {
		errs = append(errs, r.addDir(local, ".", "")...)
	}
	for id, vs := range r.byID {
		slices.SortFunc(vs, func(a, b *Instrument) int { return a.Version - b.Version })
		r.ids = append(r.ids, id)
	}
	slices.Sort(r.ids)
	return r, errs
}

func (r *Registry) addDir(fsys fs.FS, dir, source string) []error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return []error{fmt.Errorf("list instruments: %w", err)}
	}
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		src := source
		if src == "" {
			src = name
		}
		in, err := ParseInstrument(data, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if old := r.version(in.ID, in.Version); old != nil {
			errs = append(errs, fmt.Errorf("%s: version: %s is already %s; raise the "+
				"version to use this file", src, in.Ref(), old.Source))
			continue
		}
		r.byID[in.ID] = append(r.byID[in.ID], in)
	}
	return errs
}

// ParseInstrument reads and checks one instrument file. source names it in messages and
// becomes the instrument's Source. The error names the field at fault, one line each.
func ParseInstrument(data []byte, source string) (*Instrument, error) {
	in := &Instrument{}
	if err := yaml.UnmarshalWithOptions(data, in, yaml.Strict()); err != nil {
		msg := oneLine(yaml.FormatError(err, false, false))
		if m := yamlPos.FindStringSubmatch(msg); m != nil {
			msg = "line " + m[1] + ", column " + m[2] + ": " + msg[len(m[0]):]
		}
		return nil, fmt.Errorf("%s: %s", source, msg)
	}
	in.Source = source
	if ps := in.compile(); len(ps) > 0 {
		return nil, fmt.Errorf("%s: %s", source, strings.Join(ps, "\n"+source+": "))
	}
	return in, nil
}

// yamlPos matches the "[line:column] " that starts go-yaml's messages.
var yamlPos = regexp.MustCompile(`^\[(\d+):(\d+)\] `)

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (r *Registry) version(id string, v int) *Instrument {
	for _, in := range r.byID[id] {
		if in.Version == v {
			return in
		}
	}
	return nil
}

// ErrUnknownInstrument is returned (wrapped) by Lookup for an id or version it lacks.
var ErrUnknownInstrument = errors.New("unknown instrument")

// Lookup finds an instrument by "id" (its newest version) or "id@version".
func (r *Registry) Lookup(ref string) (*Instrument, error) {
	id, ver, pinned := strings.Cut(ref, "@")
	vs := r.byID[id]
	if len(vs) == 0 {
		return nil, fmt.Errorf("%w %q%s", ErrUnknownInstrument, id, suggest(id, r.ids))
	}
	if !pinned {
		return vs[len(vs)-1], nil
	}
	n, err := strconv.Atoi(ver)
	if in := r.version(id, n); err == nil && in != nil {
		return in, nil
	}
	have := make([]string, len(vs))
	for i, in := range vs {
		have[i] = strconv.Itoa(in.Version)
	}
	return nil, fmt.Errorf("%w version %q of %s (known: %s)", ErrUnknownInstrument, ver, id,
		strings.Join(have, ", "))
}

// Instruments returns the newest version of each instrument, by id.
func (r *Registry) Instruments() []*Instrument {
	out := make([]*Instrument, len(r.ids))
	for i, id := range r.ids {
		vs := r.byID[id]
		out[i] = vs[len(vs)-1]
	}
	return out
}

// Versions lists every version of an instrument, oldest first, with its source.
func (r *Registry) Versions(id string) []Version {
	vs := r.byID[id]
	out := make([]Version, len(vs))
	for i, in := range vs {
		out[i] = Version{Version: in.Version, Source: in.Source, Active: i == len(vs)-1}
	}
	return out
}

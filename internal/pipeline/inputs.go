package pipeline

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/suggest"
)

// ErrInput marks a problem with an input file (exit code 3 when the data
// fails validation, as opposed to 2 for configuration errors).
var ErrInput = errors.New("input data failed validation")

// snapshotInput is one workforce file to load, with its snapshot date.
type snapshotInput struct {
	Path    string // absolute
	Display string // as the user would name it: relative to the working folder when possible
	Date    time.Time
	Input   config.Workforce
	SHA256  string
}

var datePattern = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)

// displayPath names a file for messages and outputs without machine
// specifics: relative to the working folder when it lies below it.
func displayPath(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	if rel, err := filepath.Rel(filepath.Dir(filepath.Dir(abs)), abs); err == nil {
		return rel
	}
	return filepath.Base(abs)
}

// resolve turns a path in the pipeline into an absolute one.
func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// workforceInputs expands the workforce inputs' globs and dates each file.
func workforceInputs(p *config.Pipeline) ([]snapshotInput, error) {
	var out []snapshotInput
	var errs []string
	seen := map[string]string{}
	for i, w := range p.Inputs.Workforce {
		pattern := resolve(p.Dir, w.Path)
		matches, err := filepath.Glob(pattern)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: inputs.workforce[%d].path: %q is not a valid pattern: %v", p.Path, i, w.Path, err))
			continue
		}
		if len(matches) == 0 {
			if strings.ContainsAny(w.Path, "*?[") {
				errs = append(errs, fmt.Sprintf("%s: inputs.workforce[%d].path: the pattern %q matches no file; %s", p.Path, i, w.Path, nearestFile(pattern, w.Path)))
			} else {
				errs = append(errs, fmt.Sprintf("%s: inputs.workforce[%d].path: no such file %q; %s", p.Path, i, w.Path, nearestFile(pattern, w.Path)))
			}
			continue
		}
		sort.Strings(matches)
		for _, m := range matches {
			in := snapshotInput{Path: m, Display: displayPath(m), Input: w}
			switch {
			case w.Snapshot != "" && len(matches) == 1:
				in.Date, _ = time.Parse(time.DateOnly, w.Snapshot)
			default:
				d := datePattern.FindString(filepath.Base(m))
				t, err := time.Parse(time.DateOnly, d)
				if err != nil {
					errs = append(errs, fmt.Sprintf("%s: no snapshot date: the file name holds no YYYY-MM-DD date; give inputs.workforce[%d].snapshot", in.Display, i))
					continue
				}
				in.Date = t
			}
			key := in.Date.Format(time.DateOnly)
			if other, dup := seen[key]; dup {
				errs = append(errs, fmt.Sprintf("%s: snapshot %s is also given by %s; give each snapshot date once", in.Display, key, other))
				continue
			}
			seen[key] = in.Display
			out = append(out, in)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w\n%s", config.ErrInvalid, strings.Join(errs, "\n"))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}

// fileSHA256 returns the hex SHA-256 of a file's content.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// settingsHash fingerprints what shapes a snapshot's records besides its
// file: the sheet, encoding, header and label mappings, and the key.
func settingsHash(p *config.Pipeline, w config.Workforce, key []byte, rowIDs bool) string {
	b, _ := json.Marshal(struct {
		Sheet, Encoding, Delimiter string
		Columns                    map[string]config.Strings
		Labels                     map[string]map[string]string
		RowIDs                     bool
		Hours                      float64
		PayPeriod                  string
		Version                    string
		Revision                   int
	}{w.Sheet, w.Encoding, w.Delimiter, p.Columns, p.Labels, rowIDs, p.Analysis.StandardWeeklyHours, p.Analysis.PayPeriod, Version, ingest.Revision})
	h := sha256.New()
	h.Write(b)
	h.Write(key)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// KeyEnv names the environment variable that may hold the pseudonymisation key.
const KeyEnv = "EQUIP_ID_KEY"

// idKey returns the key that pseudonymises employee IDs: EQUIP_ID_KEY, else
// a random key kept in a 0600 file beside the warehouse, created on first use.
func idKey(dbPath string) ([]byte, error) {
	if k := os.Getenv(KeyEnv); k != "" {
		return []byte(k), nil
	}
	if dbPath == "" || dbPath == ":memory:" {
		k := make([]byte, 32)
		_, err := rand.Read(k)
		return k, err
	}
	path := filepath.Join(filepath.Dir(dbPath), "equip.key")
	if b, err := os.ReadFile(path); err == nil {
		if k := strings.TrimSpace(string(b)); k != "" {
			return []byte(k), nil
		}
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	k := hex.EncodeToString(raw)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return idKey(dbPath)
		}
		return nil, fmt.Errorf("create the key file %s: %w", path, err)
	}
	if _, err := f.WriteString(k + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	return []byte(k), f.Close()
}

// nearestFile says what a path that names no file could have meant: the
// closest file name in its folder, or that the folder is missing or empty.
// Paths are relative to the pipeline file, which the message recalls.
func nearestFile(path, given string) string {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Sprintf("the folder %s does not exist (paths are relative to the pipeline file)", displayPath(dir))
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return fmt.Sprintf("the folder %s holds no files", displayPath(dir))
	}
	return fmt.Sprintf("did you mean %q? (paths are relative to the pipeline file)", filepath.Join(filepath.Dir(given), suggest.Nearest(filepath.Base(path), names)))
}

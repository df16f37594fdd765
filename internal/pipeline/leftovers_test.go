package pipeline

import (
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestCleanLeftovers(t *testing.T) {
	runStart := time.Now()
	earlier := runStart.Add(-time.Hour)
	later := runStart.Add(time.Minute)
	cases := []struct {
		name    string
		folders map[string]time.Time // folder -> modification time
		want    []string             // what is left afterwards
		from    string               // the folder whose files out holds afterwards
	}{
		{"a killed run's partial folder goes", map[string]time.Time{"out": earlier, ".out.partial-1": earlier}, []string{"out"}, "out"},
		{"an old folder goes when the outputs are in place", map[string]time.Time{"out": earlier, ".out.old-1": earlier}, []string{"out"}, "out"},
		{"killed mid-swap: the newest old folder comes back",
			map[string]time.Time{".out.old-1": earlier.Add(-time.Hour), ".out.old-2": earlier, ".out.partial-3": earlier},
			[]string{"out"}, ".out.old-2"},
		{"a folder newer than this run stays", map[string]time.Time{"out": earlier, ".out.partial-9": later}, []string{".out.partial-9", "out"}, "out"},
		{"other folders stay", map[string]time.Time{"out": earlier, ".other.partial-1": earlier, "out.partial-1": earlier},
			[]string{".other.partial-1", "out", "out.partial-1"}, "out"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, mod := range c.folders {
				p := filepath.Join(dir, name)
				if err := os.Mkdir(p, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(p, name+".txt"), nil, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(p, mod, mod); err != nil {
					t.Fatal(err)
				}
			}
			cleanLeftovers(filepath.Join(dir, "out"), runStart, slog.New(slog.DiscardHandler))
			entries, _ := os.ReadDir(dir)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("left %v, want %v", got, c.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "out", c.from+".txt")); err != nil {
				t.Errorf("out does not hold the files of %s", c.from)
			}
		})
	}
}

//go:build unix

package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/equip-project/equip/internal/warehouse"
)

// demoPipeline is the shipped annual pipeline.
func demoPipeline(t *testing.T) string {
	return filepath.Join(root(t), "pipelines", "annual-workforce-profile.yaml")
}

// fileHashes maps every file under dir (by relative path) to its SHA-256.
func fileHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		sum := sha256.Sum256(b)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// snapshotRecords lists the warehouse's snapshots in full (date, file hash,
// settings, rows): opening it at all shows it is not corrupt.
func snapshotRecords(t *testing.T, db string) []warehouse.Snapshot {
	t.Helper()
	w, err := warehouse.Open(t.Context(), db)
	if err != nil {
		t.Fatalf("the warehouse does not open: %v", err)
	}
	defer w.Close()
	snaps, err := w.Snapshots(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return snaps
}

// complete checks that out holds exactly the files its manifest lists, each
// with the listed hash.
func complete(t *testing.T, out string) {
	t.Helper()
	var m struct {
		Outputs []struct{ Path, SHA256 string }
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatalf("no manifest: %v", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	have := fileHashes(t, out)
	delete(have, "manifest.json")
	if len(m.Outputs) < 10 || len(have) != len(m.Outputs) {
		t.Errorf("%d files beside the manifest, %d in it", len(have), len(m.Outputs))
	}
	for _, o := range m.Outputs {
		if have[o.Path] != o.SHA256 {
			t.Errorf("%s: missing or not the file the manifest lists", o.Path)
		}
	}
}

// leftovers lists the entries of dir other than the output folder, the
// warehouse and its write-ahead log.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		switch e.Name() {
		case "out", "equip.duckdb", "equip.duckdb.wal":
		default:
			out = append(out, e.Name())
		}
	}
	return out
}

// TestUnattendedRuns runs the demo pipeline as cron would, on one
// warehouse and output folder, through every way a run can be cut short:
//
//   - two runs at once both succeed, the second waiting for the first;
//   - a run that cannot get the warehouse in time exits 4 naming the holder;
//   - SIGTERM and SIGINT stop a run with exit 1, "interrupted", nothing changed;
//   - SIGKILL during ingest, during the metrics and while writing outputs
//     leaves the previous outputs byte-for-byte as they were and the
//     warehouse opening with its previous snapshots; the only leftovers are
//     the lock, which the next run takes over, and (for a kill while
//     writing) a hidden .partial- folder, which the next run removes; and
//     the next run succeeds.
func TestUnattendedRuns(t *testing.T) {
	equipBinary(t) // built (or skipped in -short mode) before the subtests share the state they build
	dir := t.TempDir()
	out, db := filepath.Join(dir, "out"), filepath.Join(dir, "equip.duckdb")
	args := []string{"run", demoPipeline(t), "--out", out, "--db", db}
	const key = "unattended-key"
	env := childEnv(key)

	ok := t.Run("two at once", func(t *testing.T) {
		a := start(t, dir, env, append(args, "--lock-wait", "3m")...)
		b := start(t, dir, env, append(args, "--lock-wait", "3m")...)
		codeA, errA := a.wait(t)
		codeB, errB := b.wait(t)
		noCrash(t, errA+errB)
		if codeA != 0 || codeB != 0 {
			t.Fatalf("exits %d and %d, want 0 and 0:\n%s\n%s", codeA, codeB, errA, errB)
		}
		if waiting := strings.Count(errA+errB, "waiting for another run to release the warehouse"); waiting != 1 {
			t.Errorf("%d runs waited, want 1:\n%s\n%s", waiting, errA, errB)
		}
		if got := snapshotRecords(t, db); len(got) != 5 {
			t.Errorf("%d snapshots, want 5", len(got))
		}
		complete(t, out)
		if l := leftovers(t, dir); len(l) != 0 {
			t.Errorf("left behind: %v", l)
		}
	})
	if !ok {
		return
	}

	t.Run("busy, then SIGTERM", func(t *testing.T) {
		before, snaps := fileHashes(t, out), snapshotRecords(t, db)
		holder := start(t, dir, childEnv(key, "EQUIP_TEST_PAUSE=metrics"), append(args, "--quiet")...)
		holder.waitPaused(t, "metrics")
		code, stderr := run(t, dir, env, append(args, "--lock-wait", "500ms", "--quiet")...)
		noCrash(t, stderr)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		want := db + ": the warehouse is in use by another run (pid " + strconv.Itoa(holder.cmd.Process.Pid)
		if code != 4 || len(lines) != 1 || !strings.HasPrefix(lines[0], want) || !strings.Contains(lines[0], "started ") {
			t.Errorf("exit %d, stderr %q; want 4 and one line starting %q", code, stderr, want)
		}
		holder.signal(t, syscall.SIGTERM)
		code, stderr = holder.wait(t)
		if code != 1 || !strings.Contains(stderr, "equip: interrupted; nothing was published") {
			t.Errorf("after SIGTERM: exit %d, stderr %q; want 1 and interrupted", code, stderr)
		}
		if !maps.Equal(fileHashes(t, out), before) || !slices.Equal(snapshotRecords(t, db), snaps) {
			t.Error("an interrupted run changed the outputs or the warehouse")
		}
		if l := leftovers(t, dir); len(l) != 0 {
			t.Errorf("left behind: %v", l)
		}
	})

	t.Run("SIGINT while writing", func(t *testing.T) {
		before, snaps := fileHashes(t, out), snapshotRecords(t, db)
		p := start(t, dir, childEnv(key, "EQUIP_TEST_PAUSE=outputs"), append(args, "--quiet")...)
		p.waitPaused(t, "outputs")
		p.signal(t, syscall.SIGINT)
		code, stderr := p.wait(t)
		noCrash(t, stderr)
		if code != 1 || !strings.Contains(stderr, "equip: interrupted") {
			t.Errorf("exit %d, stderr %q; want 1 and interrupted", code, stderr)
		}
		if !maps.Equal(fileHashes(t, out), before) || !slices.Equal(snapshotRecords(t, db), snaps) {
			t.Error("an interrupted run changed the outputs or the warehouse")
		}
		if l := leftovers(t, dir); len(l) != 0 {
			t.Errorf("left behind (the temporary folder should go with the run): %v", l)
		}
	})

	for _, kill := range []struct {
		stage string
		key   string // a new key makes the run reload every snapshot, inside its transaction
	}{{"ingest", "another-key"}, {"metrics", key}, {"outputs", key}} {
		t.Run("SIGKILL during "+kill.stage, func(t *testing.T) {
			before, snaps := fileHashes(t, out), snapshotRecords(t, db)
			if len(snaps) != 5 {
				t.Fatalf("%d snapshots before the kill, want 5", len(snaps))
			}
			p := start(t, dir, childEnv(kill.key, "EQUIP_TEST_PAUSE="+kill.stage), append(args, "--quiet")...)
			p.waitPaused(t, kill.stage)
			p.signal(t, syscall.SIGKILL)
			if code, _ := p.wait(t); code != -int(syscall.SIGKILL) {
				t.Fatalf("exit %d, want death by SIGKILL", code)
			}

			if after := fileHashes(t, out); !maps.Equal(after, before) {
				t.Error("the previous outputs changed")
			}
			if got := snapshotRecords(t, db); !slices.Equal(got, snaps) {
				t.Errorf("the warehouse holds %+v, want the previous snapshots %+v", got, snaps)
			}
			lock, err := os.ReadFile(warehouse.LockPath(db))
			if err != nil || !strings.Contains(string(lock), `"pid":`+strconv.Itoa(p.cmd.Process.Pid)) {
				t.Errorf("the killed run's lock record is not there to take over: %q, %v", lock, err)
			}
			for _, name := range leftovers(t, dir) {
				partial := kill.stage == "outputs" && strings.HasPrefix(name, ".out.partial-")
				// The run's working copy of the warehouse, which the next run removes.
				working := name == "equip.duckdb.next" || name == "equip.duckdb.next.wal"
				if name != "equip.duckdb.lock" && !partial && !working {
					t.Errorf("left behind: %s", name)
				}
			}

			code, stderr := run(t, dir, env, args...)
			noCrash(t, stderr)
			if code != 0 {
				t.Fatalf("the next run exited %d:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, "took over the warehouse lock of a run that did not finish") || !strings.Contains(stderr, "pid="+strconv.Itoa(p.cmd.Process.Pid)) {
				t.Errorf("the next run did not say it took over the lock:\n%s", stderr)
			}
			if !strings.Contains(stderr, "removed a working copy of the warehouse left by an interrupted run") {
				t.Errorf("the next run did not say it removed the killed run's copy of the warehouse:\n%s", stderr)
			}
			if kill.stage == "outputs" && !strings.Contains(stderr, "removed a folder left by an interrupted run") {
				t.Errorf("the next run did not say it removed the .partial- folder:\n%s", stderr)
			}
			if l := leftovers(t, dir); len(l) != 0 {
				t.Errorf("after the next run, left behind: %v", l)
			}
			complete(t, out)
			if got := snapshotRecords(t, db); len(got) != 5 {
				t.Errorf("%d snapshots after the next run, want 5", len(got))
			}
		})
	}
}

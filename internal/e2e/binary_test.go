package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binDir holds the equip binary the process-level tests run; TestMain
// makes it and removes it, and the first test that needs the binary builds
// it there (once), so a run of only the in-process tests pays nothing.
var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binBuild string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "equip-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// equipBinary returns the path of the equip binary, built from this tree.
func equipBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("process-level run skipped in -short mode")
	}
	binOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			binBuild = "no go command on PATH"
			return
		}
		path := filepath.Join(binDir, "equip")
		cmd := exec.Command(goTool, "build", "-o", path, "./cmd/equip")
		cmd.Dir = root(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			binBuild = fmt.Sprintf("go build: %v\n%s", err, out)
			return
		}
		binPath = path
	})
	if binPath == "" {
		t.Fatalf("cannot build equip: %s", binBuild)
	}
	return binPath
}

// process is an equip run started as a child process.
type process struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	stderr bytes.Buffer
	paused chan string // receives the stage named by a "paused at STAGE" line
	done   chan struct{}
	code   int
}

// childEnv is the environment of a child run: ours without the test hooks,
// plus the pseudonymisation key and extra.
func childEnv(key string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "EQUIP_") {
			env = append(env, kv)
		}
	}
	return append(append(env, "EQUIP_ID_KEY="+key), extra...)
}

// start starts the binary in dir with env and args.
func start(t *testing.T, dir string, env []string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(equipBinary(t), args...), paused: make(chan string, 1), done: make(chan struct{})}
	p.cmd.Dir, p.cmd.Env = dir, env
	pipe, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(pipe)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.stderr.WriteString(line + "\n")
			p.mu.Unlock()
			if stage, ok := strings.CutPrefix(line, "paused at "); ok {
				p.paused <- stage
			}
		}
		err := p.cmd.Wait()
		p.code = p.cmd.ProcessState.ExitCode()
		if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			p.code = -int(ws.Signal())
		}
		_ = err
		close(p.done)
	}()
	return p
}

// waitPaused waits until the run says it is paused at stage.
func (p *process) waitPaused(t *testing.T, stage string) {
	t.Helper()
	select {
	case got := <-p.paused:
		if got != stage {
			t.Fatalf("paused at %s, want %s", got, stage)
		}
	case <-p.done:
		t.Fatalf("the run ended (exit %d) before pausing at %s:\n%s", p.code, stage, p.errText())
	case <-time.After(2 * time.Minute):
		p.cmd.Process.Kill()
		t.Fatalf("the run did not pause at %s:\n%s", stage, p.errText())
	}
}

// wait waits for the run to end and returns its exit code (minus the
// signal's number when a signal ended it) and its stderr.
func (p *process) wait(t *testing.T) (int, string) {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(3 * time.Minute):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("the run did not end:\n%s", p.errText())
	}
	return p.code, p.errText()
}

func (p *process) signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

func (p *process) errText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// run runs the binary to the end.
func run(t *testing.T, dir string, env []string, args ...string) (int, string) {
	t.Helper()
	return start(t, dir, env, args...).wait(t)
}

// noCrash fails the test when stderr shows a panic or a Go stack trace.
func noCrash(t *testing.T, stderr string) {
	t.Helper()
	for _, s := range []string{"panic", "goroutine ", "runtime error", ".go:"} {
		if strings.Contains(stderr, s) {
			t.Errorf("stderr shows a crash (%q):\n%s", s, stderr)
			return
		}
	}
}

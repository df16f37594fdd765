//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package warehouse

import (
	"errors"
	"os"
	"time"
)

// tryLock creates the lock file exclusively, where flock is not available.
// A lock file whose holder ran on this host and is no longer alive — or
// that has stayed empty for a minute, its writer dead between creating and
// writing it — is stale: it is removed and the lock taken.
func tryLock(path string) (*Lock, *Holder, error) {
	var stale *Holder
	for range 2 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return &Lock{path: path, file: f}, stale, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, nil, err
		}
		h := readHolder(path)
		host, _ := os.Hostname()
		switch {
		case h != nil && h.Host == host && !processAlive(h.PID):
			stale = h
		case h == nil && olderThan(path, time.Minute):
			stale = &Holder{}
		default:
			return nil, nil, nil
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
	}
	return nil, nil, nil
}

func olderThan(path string, d time.Duration) bool {
	info, err := os.Stat(path)
	return err == nil && time.Since(info.ModTime()) > d
}

// processAlive reports whether a process with this id exists: finding a
// process fails on these systems when there is none.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package warehouse

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// tryLock takes an flock on the lock file without waiting. The kernel drops
// an flock when its process dies, however it dies, so a run killed with
// SIGKILL never blocks the next one; a holder record still in the file
// shows that the previous run did not finish, and is returned as stale.
// It returns a nil Lock when another process holds the lock.
func tryLock(path string) (*Lock, *Holder, error) {
	// A run releasing the lock removes the file while it still holds it, so
	// a lock won on a file no longer at path is worthless: open it afresh.
	for range 100 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR) {
				return nil, nil, nil
			}
			return nil, nil, err
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		b, err := io.ReadAll(io.LimitReader(f, 4096))
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		return &Lock{path: path, file: f}, parseHolder(b), nil
	}
	return nil, nil, nil
}

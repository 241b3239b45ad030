package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
)

// ErrDeliveryLocked is returned by LockDelivery when another process
// delivers this database's alerts.
var ErrDeliveryLocked = errors.New("another pactwatch process is delivering alerts from this database")

// DeliveryLock is the right to deliver the outbox of one database. One
// process at a time holds it: two processes posting the same alert (a
// `pactwatch poll` beside `pactwatch run`) would post it twice, and one
// process reconciling an alert the other is posting would post it again.
type DeliveryLock struct {
	path     string
	released bool
}

// heldLocks are the delivery locks this process holds, by lock file, with
// how many DeliveryLocks share each: within a process the Deliverer's own
// mutex takes turns, so the lock is shared.
var (
	heldMu    sync.Mutex
	heldLocks = map[string]*heldLock{}
)

type heldLock struct {
	f     *os.File
	users int
}

// LockDelivery takes the delivery lock without waiting, or returns
// ErrDeliveryLocked. The lock is an advisory lock on the file DATABASE.lock
// beside the database, which the system drops when the process ends,
// however it ends: a kill -9 leaves no stale lock. Release it with Release.
func (s *Store) LockDelivery(ctx context.Context) (*DeliveryLock, error) {
	var seq int
	var name, file string
	if err := s.db.QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
		return nil, fmt.Errorf("lock delivery: %w", err)
	}
	if file == "" { // an in-memory database: no other process can see it
		return &DeliveryLock{}, nil
	}
	path := file + ".lock"
	heldMu.Lock()
	defer heldMu.Unlock()
	if h, ok := heldLocks[path]; ok {
		h.users++
		return &DeliveryLock{path: path}, nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock delivery: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, ErrDeliveryLocked) {
			return nil, err
		}
		return nil, fmt.Errorf("lock delivery: %s: %w", path, err)
	}
	heldLocks[path] = &heldLock{f: f, users: 1}
	return &DeliveryLock{path: path}, nil
}

// Release gives the lock up (once the last of this process's holders
// releases it). Releasing twice does nothing.
func (l *DeliveryLock) Release() error {
	if l == nil || l.released || l.path == "" {
		return nil
	}
	l.released = true
	heldMu.Lock()
	defer heldMu.Unlock()
	h := heldLocks[l.path]
	if h == nil {
		return nil
	}
	if h.users--; h.users > 0 {
		return nil
	}
	delete(heldLocks, l.path)
	return h.f.Close() // closing drops the lock
}

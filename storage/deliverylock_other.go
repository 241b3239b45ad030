//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package storage

import "os"

// lockFile does nothing where flock is missing: run one pactwatch process
// per database there.
func lockFile(f *os.File) error { return nil }

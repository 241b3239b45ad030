//go:build unix

package watchers

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used, user and system, on
// every thread (the garbage collector's too). On a shared machine it is
// steadier than wall time, which other processes inflate.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

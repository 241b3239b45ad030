//go:build !unix

package watchers

import "time"

// processCPU is not measured here: the benchmarks report zero CPU time.
func processCPU() time.Duration { return 0 }

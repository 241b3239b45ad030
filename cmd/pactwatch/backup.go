package main

import (
	"context"
	"fmt"
)

func cmdBackup(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "backup", "FILE", "Write a consistent copy of the database to FILE (VACUUM INTO), safe while the daemon runs.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	_, store, _, ok := c.open(ctx, e)
	if !ok {
		return exitFailed
	}
	defer store.Close()
	if err := store.Backup(ctx, fs.Arg(0)); err != nil {
		fmt.Fprintln(e.stderr, "pactwatch:", err)
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "backed up to %s\n", fs.Arg(0))
	return exitOK
}

package storage

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// holdLockEnv makes the test binary a helper process that holds the
// delivery lock of a database until its standard input closes.
const holdLockEnv = "PACTWATCH_TEST_HOLD_DELIVERY_LOCK"

func TestDeliveryLockExcludesOtherProcesses(t *testing.T) {
	if path := os.Getenv(holdLockEnv); path != "" {
		holdLockHelper(path)
		return
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no flock here")
	}
	s, _, path := openTest(t)
	ctx := context.Background()

	// Within one process the lock is shared, and kept until the last release.
	a, err := s.LockDelivery(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.LockDelivery(ctx)
	if err != nil {
		t.Fatalf("second lock in the same process: %v", err)
	}
	if err := a.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".lock"); err != nil {
		t.Errorf("lock file: %v", err)
	}
	helperCanLock := func() bool {
		t.Helper()
		cmd, stdin, locked := startHolder(t, path)
		defer func() { stdin.Close(); _ = cmd.Wait() }()
		return locked
	}
	if helperCanLock() {
		t.Errorf("another process took the lock while this one holds it")
	}
	if err := b.Release(); err != nil {
		t.Fatal(err)
	}
	_ = b.Release() // twice: nothing happens

	// Another process holds it: this one is refused, until that one is
	// killed (kill -9 leaves no stale lock).
	cmd, stdin, locked := startHolder(t, path)
	defer stdin.Close()
	if !locked {
		t.Fatal("the helper could not take a free lock")
	}
	if _, err := s.LockDelivery(ctx); !errors.Is(err, ErrDeliveryLocked) {
		t.Errorf("lock held by another process: %v, want ErrDeliveryLocked", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	c, err := s.LockDelivery(ctx)
	if err != nil {
		t.Fatalf("lock after the holder was killed: %v", err)
	}
	c.Release()
}

// startHolder starts a helper process that tries to take the lock and
// reports whether it got it; it holds it until stdin is closed.
func startHolder(t *testing.T, path string) (*exec.Cmd, interface{ Close() error }, bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeliveryLockExcludesOtherProcesses$")
	cmd.Env = append(os.Environ(), holdLockEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	return cmd, stdin, line == "locked\n"
}

func holdLockHelper(path string) {
	s, err := Open(context.Background(), path)
	if err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	l, err := s.LockDelivery(context.Background())
	if err != nil {
		os.Stdout.WriteString("refused: " + err.Error() + "\n")
	} else {
		os.Stdout.WriteString("locked\n")
	}
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // until stdin closes
	l.Release()
	os.Exit(0)
}

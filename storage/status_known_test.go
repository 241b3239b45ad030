package storage

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// KnownAgreements answers for the ids asked about only: those the database
// has, not those it lacks, nor others it has.
func TestKnownAgreements(t *testing.T) {
	s, _, _ := openTest(t)
	inTx(t, s, func(tx *Tx) error {
		for _, id := range []string{"a", "c", "not-asked"} {
			if err := tx.EnsureAgreement(id, "rumored", time.Time{}); err != nil {
				return err
			}
		}
		return nil
	})
	inTx(t, s, func(tx *Tx) error {
		got, err := tx.KnownAgreements([]string{"a", "b", "c"})
		if err != nil {
			return err
		}
		if diff := cmp.Diff(map[string]bool{"a": true, "c": true}, got); diff != "" {
			t.Errorf("KnownAgreements (-want +got):\n%s", diff)
		}
		none, err := tx.KnownAgreements(nil)
		if err != nil {
			return err
		}
		if len(none) != 0 {
			t.Errorf("KnownAgreements(nil) = %v, want none", none)
		}
		return nil
	})
}

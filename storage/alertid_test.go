package storage

import (
	"errors"
	"testing"
	"time"
)

func TestAlertByIDAndChangeMark(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := t.Context()
	m0, err := s.ChangeMark(ctx)
	if err != nil || m0 != (ChangeMark{}) {
		t.Fatalf("empty database: %+v, %v", m0, err)
	}
	var a Alert
	inTx(t, s, func(tx *Tx) error {
		if err := tx.EnsureAgreement("ru-cn", "rumored", time.Time{}); err != nil {
			return err
		}
		it := &Item{FeedID: "f", Key: "k", Title: "t"}
		if _, err := tx.InsertItem(it); err != nil {
			return err
		}
		if err := tx.AddMention("ru-cn", it.ID, tx.Now(), ""); err != nil {
			return err
		}
		a = Alert{Kind: KindMention, Agreement: "ru-cn", Status: "rumored"}
		_, err := tx.Enqueue(&a)
		return err
	})
	got, err := s.AlertByID(ctx, a.ID)
	if err != nil || got.Seq != a.Seq || got.Status != "rumored" {
		t.Errorf("AlertByID = %+v, %v", got, err)
	}
	if _, err := s.AlertByID(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
	m1, err := s.ChangeMark(ctx)
	if err != nil || m1.LastChange == 0 || m1.LastMention == 0 {
		t.Fatalf("after a change and a mention: %+v, %v", m1, err)
	}
	// A status change moves the mark; nothing else does.
	if m, _ := s.ChangeMark(ctx); m != m1 {
		t.Errorf("mark moved by itself: %+v → %+v", m1, m)
	}
	inTx(t, s, func(tx *Tx) error {
		return tx.SetStatus(&Change{AgreementID: "ru-cn", Status: "signed", Source: SourceAdmin})
	})
	if m, _ := s.ChangeMark(ctx); m.LastChange <= m1.LastChange || m.LastMention != m1.LastMention {
		t.Errorf("after a status change: %+v, was %+v", m, m1)
	}
}

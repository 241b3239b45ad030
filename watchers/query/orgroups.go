package query

// OrGroups returns, for every OR in q that is not negated, its alternatives
// that are terms, named as Explain names them, when there are at least two:
// the "Russia OR Moscow OR Kremlin" of a match query, or the OR group beside
// a NEAR. Callers use them to learn which words an admin treats as the same
// thing.
func (q *Query) OrGroups() [][]string {
	var groups [][]string
	add := func(terms []*term) {
		if len(terms) < 2 {
			return
		}
		names := make([]string, len(terms))
		for i, t := range terms {
			names[i] = t.name
		}
		groups = append(groups, names)
	}
	var visit func(n node, negated bool)
	visit = func(n node, negated bool) {
		switch n := n.(type) {
		case *andNode:
			for _, k := range n.kids {
				visit(k, negated)
			}
		case *orNode:
			var terms []*term
			for _, k := range n.kids {
				if t, ok := k.(*term); ok {
					terms = append(terms, t)
				} else {
					visit(k, negated)
				}
			}
			if !negated {
				add(terms)
			}
		case *notNode:
			visit(n.kid, !negated)
		case *nearNode:
			if !negated {
				add(n.a)
				add(n.b)
			}
		}
	}
	visit(q.root, false)
	return groups
}

"""Forums: sessions, rounds and questions; statements and votes; opinion groups, consensus and divisions computed as
Pol.is does (``minga.maths.polis``); synthesis of conclusions across sessions."""

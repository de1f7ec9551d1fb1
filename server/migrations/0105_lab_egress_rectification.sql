-- LAB-19 / LAB-34 (labs.md; issue 18, decision 0086): the rectification the initiator orders after unapproved egress
-- (a supervision Rectification, by id, with the Incident it answers, the deadline and the authority's notice). While
-- it is open the lab's new EgressRequests are refused (lab.freezeEgressDuringRectification). Written only through
-- the Lab's transitions.
ALTER TABLE lab ADD COLUMN egress_rectification jsonb;

-- Lab egress review (issue 18, labs.md LAB-35, decision 0100): an EgressRequest from a Workspace on a Grant with
-- basis `lab_agreement` is reviewed first by the lab initiator's security officer, then (record_list or an
-- `important` field) by the authority. The plan is fixed when the request is filed, as the labs context answers it
-- through the sandbox's lab seam: {ref: labId, reviewerOrgIds: [initiatorOrgId]}. NULL = the authority alone
-- reviews, as for every other request. The reviewer orgs read the request and find it in their list.
ALTER TABLE sandbox_egress_request ADD COLUMN review_plan jsonb;

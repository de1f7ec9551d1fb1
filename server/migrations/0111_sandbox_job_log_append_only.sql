-- SBX-12 (issue 19): the Job log is append-only. A Job row is written by its transitions until it ends; then it is
-- frozen. What it logs (who, which Workspace, the SQL and its SM3, when) never changes, and no row is deleted.
CREATE FUNCTION sandbox_job_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'sandbox_job is append-only (SBX-12)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.state IN ('rejected', 'succeeded', 'failed', 'stopped', 'cancelled')
     OR NEW.id <> OLD.id OR NEW.workspace_id <> OLD.workspace_id OR NEW.user_id IS DISTINCT FROM OLD.user_id
     OR NEW.sql_text <> OLD.sql_text OR NEW.sql_sm3 <> OLD.sql_sm3 OR NEW.created_at <> OLD.created_at
     OR NEW.view_versions <> OLD.view_versions THEN
    RAISE EXCEPTION 'sandbox_job is append-only (SBX-12)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER sandbox_job_append_only BEFORE UPDATE OR DELETE ON sandbox_job
  FOR EACH ROW EXECUTE FUNCTION sandbox_job_log_guard();

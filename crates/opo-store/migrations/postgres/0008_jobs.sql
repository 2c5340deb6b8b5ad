-- The jobs table named in the first migration gets what the runner needs to keep finished and dead jobs
-- apart: when a job ended. Claiming uses `locked_until`/`locked_by` as the lease.
alter table jobs add column finished_at text;

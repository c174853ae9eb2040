using SsmHybridRole.Engine.Roles;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Commands
{
    /// <summary>
    /// Creates the IAM service role that Systems Manager assumes for hybrid nodes: the trust policy for
    /// ssm.amazonaws.com (with the confused-deputy conditions), AmazonSSMManagedInstanceCore, and any other
    /// policies asked for. A failure part-way undoes what was made. With -ThrottleLimit, roles piped in are
    /// created several at a time, and still come out in the order they went in; with -AccountId, in each account.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SsmHybridServiceRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HybridServiceRole))]
    public sealed class NewSsmHybridServiceRoleCommand : RoleSpecCmdlet
    {
        private readonly Queue<Task<HybridRole>> inFlight = new Queue<Task<HybridRole>>();
        private EngineCall? batch;

        /// <summary>How many roles are created at once: piped roles (default 1), or with -AccountId, accounts (default 4).</summary>
        [Parameter]
        public int? ThrottleLimit { get; set; }

        protected override void ProcessRecord() => StopBatchOnFailure(() => Try(() =>
        {
            if (ThrottleLimit is int limit)
            {
                InputRules.ThrottleLimit(limit);
            }

            var validated = ValidatedSpec(null, GetConnection());
            var policies = string.Join(", ", validated.PolicyArns.Select(Arn.ResourceName));
            if (AccountId is { Length: > 0 })
            {
                // Roles of earlier rows still being made come out first: output keeps the order of the input.
                while (inFlight.Count > 0)
                {
                    WriteOldest();
                }

                CreateInAccounts($"Create IAM role trusted by ssm.amazonaws.com and attach {policies}", ThrottleLimit ?? 4);
                return;
            }

            if (!ShouldProcess($"role '{RoleName}'", $"Create IAM role trusted by ssm.amazonaws.com and attach {policies}"))
            {
                return;
            }

            if ((ThrottleLimit ?? 1) == 1)
            {
                WriteObject(OutputMapper.ToOutput(RunWithConnection((connection, call, cancel) => new HybridRoleService(connection, call).CreateAsync(validated, cancel), UndoCreation)));
                return;
            }

            var connection = GetConnection();
            batch ??= new EngineCall(this, Cancellation);
            inFlight.Enqueue(batch.Start(call => new HybridRoleService(connection, call).CreateAsync(validated, call.Cancellation), (role, reporter, cancel) => UndoCreation(connection, role, reporter, cancel)));
            while (inFlight.Count >= ThrottleLimit)
            {
                WriteOldest();
            }
        }));

        protected override void EndProcessing() => StopBatchOnFailure(() =>
        {
            while (inFlight.Count > 0)
            {
                WriteOldest();
            }

            batch?.Dispose();
        });

        /// <summary>Waits for the oldest role still being made and writes it (or its error): output keeps input order.</summary>
        private void WriteOldest()
        {
            var next = inFlight.Dequeue();
            Try(() => WriteObject(OutputMapper.ToOutput(batch!.Wait(next))));
        }

        /// <summary>
        /// A failure that ends the command (-ErrorAction Stop, a downstream command that throws, Ctrl+C) stops every
        /// role still being made: each undoes itself, one made but not yet written is taken back, then it goes on.
        /// </summary>
        private void StopBatchOnFailure(Action body)
        {
            try
            {
                body();
            }
            catch (Exception e) when (batch != null && e is not OutOfMemoryException)
            {
                inFlight.Clear();
                batch.Abandon(e);
                throw;
            }
        }
    }
}

using Amazon.SimpleSystemsManagement.Model;
using SsmHybridRole.Engine.Consistency;

namespace SsmHybridRole.Engine.Activations
{
    /// <summary>
    /// Hybrid activations (SSM CreateActivation, DescribeActivations, DeleteActivation). SSM answers
    /// "Nonexistent role" for a while after a role is created; that is waited out, as Terraform does. An
    /// activation whose code this call did not see (the answer was lost, the SDK retried, or the call was
    /// cancelled after SSM had applied it) is found by its creation mark and deleted, so no valid activation is
    /// left whose code nobody has.
    /// </summary>
    internal sealed class ActivationService : AwsService
    {
        private static readonly TimeSpan CleanUpTimeout = TimeSpan.FromSeconds(60);

        public ActivationService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
        }

        public async Task<CreatedActivation> CreateAsync(ActivationSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            spec.Validate(DateTime.UtcNow);
            var ssm = Aws.Ssm(RequireRegion());
            var marker = ActivationMarker.New();
            var request = new CreateActivationRequest
            {
                IamRole = spec.IamRole,
                RegistrationLimit = spec.RegistrationLimit ?? 1,
                Description = marker.Describe(spec.Description),
                DefaultInstanceName = spec.DefaultInstanceName,
                ExpirationDate = spec.ExpirationDate?.ToUniversalTime(),
                Tags = spec.Tags.Count == 0 ? null : spec.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };

            CreateActivationResponse response;
            try
            {
                response = await ssm.CreateActivationAsync(request, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (ServiceCallException e) when (TransientFailure.IsRoleNotVisibleToSsm(e))
            {
                throw new ServiceCallException(ErrorIds.RoleNotVisibleToSsm, FailureKind.NotFound, Messages.RoleNotVisibleToSsm(spec.IamRole, EventualConsistency.Timeout), spec.RoleName, e.ServiceErrorCode, null, e);
            }
            catch (ServiceCallException e) when (e.ServiceErrorCode == "ValidationException")
            {
                throw new ServiceCallException(ErrorIds.InvalidActivationRequest, FailureKind.InvalidArgument, e.Message, spec.RoleName, e.ServiceErrorCode, null, e);
            }
            catch (Exception e) when (OutcomeUnknown(e))
            {
                throw await UndoUnseenAsync(ssm, request.IamRole, marker, e).ConfigureAwait(false);
            }

            await DeleteOthersAsync(ssm, request.IamRole, marker, response.ActivationId, cancellationToken).ConfigureAwait(false);
            Reporter.Verbose($"Activation {response.ActivationId} created in {ssm.Region} for at most {request.RegistrationLimit} nodes.");
            return new CreatedActivation(response.ActivationId, response.ActivationCode, ssm.Region, spec.IamRole, request.ExpirationDate, request.RegistrationLimit ?? 1, spec.DefaultInstanceName, request.Description);
        }

        /// <summary>Every activation in <paramref name="regions"/> that passes <paramref name="filter"/>, all pages.</summary>
        public async Task ListAsync(IReadOnlyList<string> regions, ActivationFilter filter, Action<ListedActivation> onEach, CancellationToken cancellationToken)
        {
            foreach (var region in regions.Count == 0 ? new[] { RequireRegion() } : regions)
            {
                await ListAsync(Aws.Ssm(region), filter, onEach, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task DeleteAsync(string region, string activationId, CancellationToken cancellationToken)
        {
            SsmInputRules.ActivationId(activationId);
            await Aws.Ssm(region).DeleteActivationAsync(activationId, cancellationToken).ConfigureAwait(false);
            Reporter.Verbose($"Activation {activationId} deleted in {region}; nodes registered with it stay registered.");
        }

        private static Task ListAsync(ISystemsManagerService ssm, ActivationFilter filter, Action<ListedActivation> onEach, CancellationToken cancellationToken)
        {
            var filters = new List<DescribeActivationsFilter>();
            if (filter.IamRole != null)
            {
                filters.Add(new DescribeActivationsFilter { FilterKey = "IamRole", FilterValues = new List<string> { filter.IamRole } });
            }

            if (filter.ActivationIds.Count > 0)
            {
                filters.Add(new DescribeActivationsFilter { FilterKey = "ActivationIds", FilterValues = filter.ActivationIds.ToList() });
            }

            return SsmPages.ForEachAsync(
                "ssm:DescribeActivations",
                async token =>
                {
                    var page = await ssm.DescribeActivationsAsync(new DescribeActivationsRequest { Filters = filters.Count == 0 ? null : filters, MaxResults = 50, NextToken = token }, cancellationToken).ConfigureAwait(false);
                    return ((page.ActivationList ?? new List<Activation>()).Select(a => ToListed(a, ssm.Region)), page.NextToken);
                },
                onEach,
                cancellationToken);
        }

        private static ListedActivation ToListed(Activation a, string region)
            => new ListedActivation(
                a.ActivationId,
                region,
                a.IamRole ?? string.Empty,
                a.Description,
                a.DefaultInstanceName,
                a.RegistrationLimit ?? 0,
                a.RegistrationsCount ?? 0,
                a.ExpirationDate,
                a.Expired ?? false,
                a.CreatedDate,
                (a.Tags ?? new List<Tag>()).ToDictionary(t => t.Key, t => t.Value ?? string.Empty, StringComparer.Ordinal));

        /// <summary>A failure after which SSM may or may not have made the activation: cancelled, cut off, or a server error.</summary>
        private static bool OutcomeUnknown(Exception e)
            => e is OperationCanceledException
               || e is ServiceCallException { Kind: FailureKind.Connection or FailureKind.ServiceFailure };

        /// <summary>
        /// After a success: an activation the SDK's retry made beside the one answered (the first answer was lost)
        /// has a code nobody saw, so it is deleted. A lookup that fails only costs a warning.
        /// </summary>
        private async Task DeleteOthersAsync(ISystemsManagerService ssm, string iamRole, ActivationMarker marker, string keep, CancellationToken cancellationToken)
        {
            try
            {
                foreach (var lost in await FindMarkedAsync(ssm, iamRole, marker, cancellationToken).ConfigureAwait(false))
                {
                    if (lost != keep)
                    {
                        await ssm.DeleteActivationAsync(lost, cancellationToken).ConfigureAwait(false);
                        Reporter.Warning($"Activation {lost} had been made by a request whose answer was lost, so its code was never seen; it was deleted. Activation {keep} is the one to use.");
                    }
                }
            }
            catch (OperationCanceledException e)
            {
                // The caller stopped before it could see the code: nothing this call made may stay valid.
                throw await UndoUnseenAsync(ssm, iamRole, marker, e).ConfigureAwait(false);
            }
            catch (SsmHybridRoleException e)
            {
                Reporter.Warning($"Could not check whether a lost answer left another activation of role '{iamRole}' behind ({e.Message}). Any such activation has '{marker}' at the end of its description.");
            }
        }

        /// <summary>
        /// The call's outcome is unknown (or it was cancelled): every activation with this call's mark is deleted,
        /// as its code was never seen. Runs on its own bounded time, not the cancelled token. Returns what to throw.
        /// </summary>
        private async Task<Exception> UndoUnseenAsync(ISystemsManagerService ssm, string iamRole, ActivationMarker marker, Exception cause)
        {
            using var timeout = new CancellationTokenSource(CleanUpTimeout);
            try
            {
                await RequestAbandonedException.SettledAsync(cause, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                var made = await FindMarkedAsync(ssm, iamRole, marker, timeout.Token).ConfigureAwait(false);
                foreach (var id in made)
                {
                    await ssm.DeleteActivationAsync(id, timeout.Token).ConfigureAwait(false);
                    Reporter.Warning($"Activation {id} was made but its code was never seen (the answer was lost or the call was cancelled); it was deleted.");
                }

                return cause;
            }
            catch (Exception lookup) when (lookup is SsmHybridRoleException or OperationCanceledException)
            {
                var message = $"It is not known whether Systems Manager created an activation for role '{iamRole}' in {ssm.Region}: {Messages.Cause(cause).TrimEnd('.')}. Looking for it failed too ({Messages.Cause(lookup)}). Any activation it made has '{marker}' at the end of its description; delete it, as its code was never seen.";
                Reporter.Unfinished(message, ErrorIds.ActivationOutcomeUnknown, marker.Text);
                return new ServiceCallException(ErrorIds.ActivationOutcomeUnknown, FailureKind.Incomplete, message, marker.Text, null, null, cause);
            }
        }

        private static async Task<IReadOnlyList<string>> FindMarkedAsync(ISystemsManagerService ssm, string iamRole, ActivationMarker marker, CancellationToken cancellationToken)
        {
            var found = new List<string>();
            await ListAsync(ssm, new ActivationFilter(iamRole, Array.Empty<string>()), a =>
            {
                if (marker.Marks(a.Description))
                {
                    found.Add(a.ActivationId);
                }
            }, cancellationToken).ConfigureAwait(false);
            return found;
        }

        private string RequireRegion()
            => Connection.Region ?? throw new SsmHybridRoleException(ErrorIds.RegionRequired, FailureKind.Configuration, Messages.NoRegion);
    }
}

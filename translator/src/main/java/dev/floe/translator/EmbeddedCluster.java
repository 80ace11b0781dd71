package dev.floe.translator;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.runtime.blob.BlobServer;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.dispatcher.MemoryArchivedApplicationStore;
import org.apache.flink.runtime.entrypoint.component.DispatcherResourceManagerComponent;
import org.apache.flink.runtime.heartbeat.HeartbeatServices;
import org.apache.flink.runtime.highavailability.AbstractThreadsafeJobResultStore;
import org.apache.flink.runtime.highavailability.HighAvailabilityServices;
import org.apache.flink.runtime.highavailability.JobResultEntry;
import org.apache.flink.runtime.highavailability.JobResultStore;
import org.apache.flink.runtime.highavailability.nonha.embedded.EmbeddedHaServices;
import org.apache.flink.runtime.jobmanager.HighAvailabilityMode;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.metrics.MetricRegistry;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.rpc.FatalErrorHandler;
import org.apache.flink.runtime.security.token.DelegationTokenManager;
import org.apache.flink.runtime.webmonitor.retriever.MetricQueryServiceRetriever;
import org.apache.flink.util.concurrent.FutureUtils;

/**
 * The embedded cluster of {@code Floe.local()}: Flink's MiniCluster, except that finished jobs do
 * not stay in memory for as long as it runs. Flink's MiniCluster keeps every finished job's archived
 * execution graph (what the Web UI shows) and its job result, both with the job's accumulators,
 * which hold Floe's figures and the part of the result the collect sink handed over as the job
 * ended; so a session grew by every action it ran (the differential fuzzer's seed 41 run filled its
 * 2 GiB heap). Here the Web UI keeps the last {@code completed-application-store.max-capacity}
 * finished jobs (default {@value #DEFAULT_RETAINED_JOBS}) for at most
 * {@code completed-application-store.expiration-time} (Flink's default, 1 h), and the job result
 * store keeps a result only until the job is cleaned up, then its id alone.
 */
public final class EmbeddedCluster extends MiniCluster {
    /** Finished jobs the Web UI keeps when {@code completed-application-store.max-capacity} is not set. */
    public static final int DEFAULT_RETAINED_JOBS = 100;
    /** Ids of finished jobs the job result store remembers (Flink refuses a job id submitted again). */
    static final int REMEMBERED_JOB_IDS = 10_000;

    private final int retainedJobs;
    private final Duration retention;
    private final JobIdsResultStore results = new JobIdsResultStore();
    private volatile MemoryArchivedApplicationStore archive;

    public EmbeddedCluster(MiniClusterConfiguration configuration) {
        super(configuration);
        Configuration c = configuration.getConfiguration();
        retainedJobs = c.getOptional(JobManagerOptions.COMPLETED_APPLICATION_STORE_MAX_CAPACITY)
                .orElse(DEFAULT_RETAINED_JOBS);
        retention = c.get(JobManagerOptions.COMPLETED_APPLICATION_STORE_EXPIRATION_TIME);
    }

    /** Finished jobs the Web UI (REST) still shows. */
    public int archivedJobs() {
        MemoryArchivedApplicationStore a = archive;
        return a == null ? 0 : a.size();
    }

    /** Job results the cluster holds (with their accumulators): those of jobs not cleaned up yet. */
    public int jobResultsHeld() {
        return results.dirty.size();
    }

    /** Flink's own components, with a bounded store of finished jobs instead of an unbounded one. */
    @Override
    protected Collection<? extends DispatcherResourceManagerComponent> createDispatcherResourceManagerComponents(
            Configuration configuration, RpcServiceFactory rpcServiceFactory, BlobServer blobServer,
            HeartbeatServices heartbeatServices, DelegationTokenManager delegationTokenManager,
            MetricRegistry metricRegistry, MetricQueryServiceRetriever metricQueryServiceRetriever,
            FatalErrorHandler fatalErrorHandler) throws Exception {
        archive = new MemoryArchivedApplicationStore(retention, retainedJobs, null, null);
        DispatcherResourceManagerComponent component = createDispatcherResourceManagerComponentFactory().create(
                configuration, ResourceID.generate(), getIOExecutor(), rpcServiceFactory.createRpcService(),
                getHaServices(), blobServer, heartbeatServices, delegationTokenManager, metricRegistry, archive,
                metricQueryServiceRetriever, Collections.emptySet(), fatalErrorHandler);
        FutureUtils.assertNoException(component.getShutDownFuture()
                .thenCompose(status -> component.stopApplication(status, null)));
        return Collections.singleton(component);
    }

    /** Without high availability (Floe never configures it): Flink's embedded services, with {@link JobIdsResultStore}. */
    @Override
    protected HighAvailabilityServices createHighAvailabilityServices(Configuration configuration, Executor executor)
            throws Exception {
        if (HighAvailabilityMode.fromConfig(configuration) != HighAvailabilityMode.NONE) {
            return super.createHighAvailabilityServices(configuration, executor);
        }
        return new EmbeddedHaServices(executor) {
            @Override
            public JobResultStore getJobResultStore() {
                return results;
            }
        };
    }

    /**
     * Flink's embedded job result store keeps every finished job's result, accumulators included,
     * until the cluster stops. This one holds a result while the job is cleaned up (dirty), then
     * only the job's id, the last {@link #REMEMBERED_JOB_IDS} of them: nothing reads a clean
     * result back, the dispatcher only asks whether a job id has one.
     */
    static final class JobIdsResultStore extends AbstractThreadsafeJobResultStore {
        final Map<JobID, JobResultEntry> dirty = new ConcurrentHashMap<>();
        private final Set<JobID> clean = Collections.newSetFromMap(new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<JobID, Boolean> eldest) {
                return size() > REMEMBERED_JOB_IDS;
            }
        });

        JobIdsResultStore() {
            super(org.apache.flink.util.concurrent.Executors.directExecutor());
        }

        @Override
        protected void createDirtyResultInternal(JobResultEntry entry) {
            dirty.put(entry.getJobId(), entry);
        }

        @Override
        protected void markResultAsCleanInternal(JobID jobId) {
            if (dirty.remove(jobId) == null) {
                throw new NoSuchElementException("Could not mark job " + jobId
                        + " as clean as it is not present in the job result store.");
            }
            clean.add(jobId);
        }

        @Override
        protected boolean hasDirtyJobResultEntryInternal(JobID jobId) {
            return dirty.containsKey(jobId);
        }

        @Override
        protected boolean hasCleanJobResultEntryInternal(JobID jobId) {
            return clean.contains(jobId);
        }

        @Override
        protected Set<JobResult> getDirtyResultsInternal() {
            return dirty.values().stream().map(JobResultEntry::getJobResult).collect(Collectors.toSet());
        }
    }
}

package io.batchplane.apiserver.grpc;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** Where the API server finds its identities. */
@ConfigMapping(prefix = "batchplane.auth")
public interface AuthConfig {

    /** A Kubernetes static token file: {@code token,user,uid,"group1,group2"} per line. */
    Path tokenFile();
}

package io.lakeloop.connect.personalize.client;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The task's credentials could not be resolved for a call: whatever the provider threw (the default chain's
 * "Unable to load credentials", a throttled or failing STS or container credentials endpoint) is its cause, so
 * {@link ErrorClass} can tell a transient failure from credentials that were refused.
 */
public final class CredentialsUnavailableException extends SdkClientException {

    private static final long serialVersionUID = 1L;

    CredentialsUnavailableException(RuntimeException cause) {
        super(SdkClientException.builder().message("Could not resolve AWS credentials: " + ErrorClass.describe(cause))
                .cause(cause));
    }

    /**
     * True when a credentials service answered that the credentials are refused (a 401 or 403 that is not
     * throttling, e.g. STS AccessDenied for the role): trying again will not help.
     */
    public boolean refused() {
        for (Throwable t = getCause(); t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof AwsServiceException ase && (ase.statusCode() == 401 || ase.statusCode() == 403)
                    && !ase.isThrottlingException()) {
                return true;
            }
        }
        return false;
    }
}

package org.vigie.health.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vigie.health.identity.InsufficientLevelException;
import org.vigie.health.identity.NoNationalIdException;
import org.vigie.health.identity.Professional;

/** Sessions the service refuses get a page saying why and what to do, never a stack trace. */
public class RefusalMappers {

    @ServerExceptionMapper
    public Response insufficientLevel(InsufficientLevelException e) {
        String received = e.receivedAcr().isEmpty() ? "aucun" : e.receivedAcr();
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.insufficientLevel(received.substring(0, Math.min(received.length(), 40)),
                        Professional.REQUIRED_ACR).render())
                .build();
    }

    /** A verified token without a national identifier: the service cannot say in whose name acts are made. */
    @ServerExceptionMapper
    public Response noIdentifier(NoNationalIdException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.refused("Le jeton d'identité reçu ne porte pas d'identifiant national (SubjectNameID) : "
                        + "le service ne peut pas savoir au nom de qui enregistrer les actes.").render())
                .build();
    }
}

package io.recsbridge.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * What Tomcat refuses before any servlet runs (headers over the limit, a request line it
 * cannot parse) is a problem too, not Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	/**
	 * Public, and with a public constructor, for Tomcat to create it by class name.
	 */
	public ProblemErrorReportValve() {
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatusCode code = HttpStatusCode.valueOf(status);
		String detail = (code.is5xxServerError()) ? "The request could not be answered"
				: (status == HttpStatus.BAD_REQUEST.value()) ? "The request could not be read"
						: ProblemTypes.titleFor(code);
		String json = "{\"type\":\"" + ProblemTypes.typeFor(code) + "\",\"title\":\"" + ProblemTypes.titleFor(code)
				+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\"/\"}";
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("Cache-Control", "no-store");
			response.setHeader(ProblemResponses.NOSNIFF_HEADER, "nosniff");
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response committed: nothing more to say.
		}
	}

	/**
	 * Replaces the host's error report valves (Tomcat's, and the one Boot adds) with this
	 * one.
	 * @param host the pipeline's valves
	 * @param pipeline where to add it
	 */
	static void install(org.apache.catalina.Container host) {
		if (host instanceof StandardHost standardHost) {
			standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
		install(host.getPipeline().getValves(), host.getPipeline());
	}

	private static void install(Valve[] host, org.apache.catalina.Pipeline pipeline) {
		for (Valve valve : host) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ProblemErrorReportValve());
	}

}

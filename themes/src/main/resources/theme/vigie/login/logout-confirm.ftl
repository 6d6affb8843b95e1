<#--
  Keycloak's logout confirmation (the session bar's "Se déconnecter", or a service's logout
  request without id_token_hint), in Vigie's frame: no inline handler, so that it works under a
  strict Content-Security-Policy; one primary button, then the way back to the service.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
<#if section = "header">
    ${msg("vigieLogoutTitle")}
<#elseif section = "form">
    <div id="kc-logout-confirm" class="vigie-logout">
        <p id="vigie-logout-text">${msg("vigieLogoutText")}</p>
        <form id="vigie-logout-form" class="${properties.kcFormClass!}" action="${url.logoutConfirmAction}" method="post">
            <input type="hidden" name="session_code" value="${logoutConfirm.code}">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                    <button id="kc-logout" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="confirmLogout" value="1">${msg("vigieLogout")}</button>
                </div>
            </div>
        </form>
        <#if !logoutConfirm.skipLink && (client.baseUrl)?has_content>
            <p id="vigie-back-to-service"><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
        </#if>
    </div>
</#if>
</@layout.registrationLayout>

<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieDelegationSessionTitle_" + vigieState)}
<#elseif section = "form">
    <div id="vigie-delegation-session" data-state="${vigieState}">
        <#if vigieState == "open">
            <div id="vigie-service" class="vigie-service">
                <span class="vigie-service__label">${msg("vigieDelegationSessionService")}</span>
                <span id="vigie-service-name" class="vigie-service__name">${vigieClientName}</span>
            </div>
            <p id="vigie-delegation-summary">${msg("vigieDelegationSessionSummary", vigieAssistantName, vigiePractitionerName, vigieUntil)}</p>
            <form id="vigie-delegation-end-form" class="${properties.kcFormClass!}" action="${vigieSessionUrl}" method="post">
                <input type="hidden" name="endToken" value="${vigieEndToken}"/>
                <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                    <button id="vigie-delegation-end" class="${properties.kcButtonPrimaryClass!} pf-m-danger ${properties.kcButtonBlockClass!}" type="submit">${msg("vigieDelegationSessionEnd")}</button>
                </div>
            </form>
        <#else>
            <p id="vigie-delegation-state-text">${msg("vigieDelegationSessionText_" + vigieState)}</p>
        </#if>
    </div>
</#if>
</@layout.registrationLayout>

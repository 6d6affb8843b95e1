<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<#if section = "header">
    ${msg("vigieEnrolTitle")}
<#elseif section = "form">
    <div id="vigie-enrol" class="vigie-enrol">
        <p id="vigie-enrol-instruction">${msg("vigieEnrolInstruction")}</p>
        <dl class="vigie-enrol__details">
            <dt>${msg("vigieEnrolIdentifierLabel")}</dt>
            <dd id="vigie-enrol-identifier">${vigieIdentifier}</dd>
            <dt>${msg("vigieEnrolCodeLabel")}</dt>
            <dd><p id="vigie-activation-code" class="vigie-code" aria-describedby="vigie-enrol-validity">${vigieActivationCode}</p></dd>
            <dt>${msg("vigieEnrolServerLabel")}</dt>
            <dd id="vigie-enrol-server">${vigieRealmUrl}</dd>
        </dl>
        <p id="vigie-enrol-validity">${msg("vigieEnrolValidity", vigieCodeMinutes)}</p>
        <div class="pf-v5-c-alert pf-m-inline pf-m-warning" id="vigie-enrol-warning">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-exclamation-triangle" aria-hidden="true"></i></div>
            <p class="pf-v5-c-alert__title">${msg("vigieEnrolWarning")}</p>
        </div>
        <form id="vigie-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                    <button id="vigie-enrol-done" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="done" value="1">${msg("vigieEnrolDone")}</button>
                    <button id="vigie-enrol-new-code" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="newCode" value="1">${msg("vigieEnrolNewCode")}</button>
                    <#if isAppInitiatedAction??>
                    <button id="vigie-enrol-cancel" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="cancel-aia" value="true">${msg("doCancel")}</button>
                    </#if>
                </div>
            </div>
        </form>
    </div>
</#if>
</@layout.registrationLayout>

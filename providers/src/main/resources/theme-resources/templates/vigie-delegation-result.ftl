<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#if section = "header">
    ${msg("vigieDelegationResultTitle_" + vigieOutcome)}
<#elseif section = "form">
    <div id="vigie-result" data-outcome="${vigieOutcome}" class="vigie-result">
        <div id="vigie-service" class="vigie-service">
            <span class="vigie-service__label">${msg("vigieServiceLabel")}</span>
            <span id="vigie-service-name" class="vigie-service__name">${vigieClientName}</span>
        </div>
        <div class="pf-v5-c-alert pf-m-inline pf-m-${(vigieOutcome == "expired")?then("info", "danger")} vigie-result__alert">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw ${(vigieOutcome == "expired")?then("fa-clock", "fa-times-circle")}" aria-hidden="true"></i></div>
            <p id="vigie-result-text" class="pf-v5-c-alert__title">${msg("vigieDelegationResultText_" + vigieOutcome, vigiePractitioner)}</p>
        </div>
        <form id="vigie-result-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} vigie-actions">
                    <button id="vigie-delegation-back" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="back" value="1">${msg("vigieDelegationBack")}</button>
                    <button id="vigie-delegation-self" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit" name="self" value="1">${msg("vigieDelegationSelf")}</button>
                    <button id="vigie-quit" class="${properties.kcButtonSecondaryClass!} pf-m-danger ${properties.kcButtonBlockClass!} vigie-quit" type="submit" name="cancel" value="quit">${msg("vigieQuit")}</button>
                </div>
            </div>
        </form>
    </div>
</#if>
</@layout.registrationLayout>
